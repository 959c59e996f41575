"""An oracle for the disclosure tests, independent of the module's own audit: each hidden
cell's smallest and largest value given every published cell, every relation and the
hidden cells' bounds, by two of scipy's linear programmes per cell."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence

import numpy as np
from scipy.optimize import linprog

from kooperacja.core.analysis import Reason, Relation, SuppressedTable


def cell_ranges(
    counts: Mapping[Hashable, int], relations: Sequence[Relation],
    bounds: Mapping[Hashable, tuple[float, float | None]],
) -> dict[Hashable, tuple[float, float]]:
    """(lowest, highest) value of each cell of ``bounds`` (the hidden ones); highest is
    infinite where nothing bounds it from above."""
    keys = sorted(bounds, key=repr)
    index = {key: i for i, key in enumerate(keys)}
    a_eq, b_eq = [], []
    for relation in relations:
        row, rhs = np.zeros(len(keys)), 0.0
        for key, sign in [(relation.total, 1)] + [(p, -1) for p in relation.parts]:
            if key in index:
                row[index[key]] += sign
            else:
                rhs -= sign * counts[key]
        if row.any():
            a_eq.append(row)
            b_eq.append(rhs)
    options = {
        "A_eq": np.array(a_eq) if a_eq else None,
        "b_eq": np.array(b_eq) if b_eq else None,
        "bounds": [bounds[key] for key in keys],
    }
    ranges = {}
    for key in keys:
        c = np.zeros(len(keys))
        c[index[key]] = 1
        low, high = linprog(c, **options), linprog(-c, **options)
        assert low.status == 0, f"the published cells leave {key} no value at all"
        ranges[key] = (low.fun, np.inf if high.status == 3 else -high.fun)
    return ranges


def assert_none_recoverable(counts: Mapping[Hashable, int], relations: Sequence[Relation],
                            result: SuppressedTable) -> None:
    """No cell ``result`` hides is pinned down by the published cells and the relations."""
    ranges = cell_ranges(counts, relations, {key: (0, None) for key in result.hidden()})
    for key, (low, high) in ranges.items():
        assert low < high, f"{key} = {counts[key]} is recoverable from the published cells"


def assert_two_values_given_the_labels(counts: Mapping[Hashable, int],
                                       relations: Sequence[Relation], result: SuppressedTable,
                                       k: int) -> None:
    """Told also what the labels say ("fewer than k" is 1..k-1, other hidden cells at least
    k), each hidden cell not deliberately exposed still has two values."""
    hidden = result.hidden()
    bounds: dict[Hashable, tuple[float, float | None]] = {
        key: (1, k - 1) if r is Reason.FEWER_THAN_K else (k, None) for key, r in hidden.items()
    }
    ranges = cell_ranges(counts, relations, bounds)
    for key in set(hidden) - set(result.exposed):
        low, high = ranges[key]
        assert high - low >= 1 - 1e-9, f"{key} = {counts[key]} lies in [{low}, {high}]"
