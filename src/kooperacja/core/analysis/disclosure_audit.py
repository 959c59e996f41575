"""Audit of a suppression pattern: can a hidden cell still be pinned down?

An intruder knows the published cells, the relations between cells and the bounds the
labels give each hidden cell.  The hidden cells linked by relations form components;
for each component two linear programmes per cell give the smallest and largest value
it can take.  A cell whose range is narrower than ``minimum_width`` is as good as
published.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy.optimize import linprog

if TYPE_CHECKING:
    from kooperacja.core.analysis.disclosure import Relation

Key = Hashable


@dataclass(frozen=True)
class Bounds:
    """What the label of a hidden cell tells: ``lower <= count <= upper`` (None: no limit)."""

    lower: float
    upper: float | None


@dataclass(frozen=True)
class Component:
    """Hidden cells linked by relations, and those of them that are pinned down."""

    cells: tuple[Key, ...]
    pinned: tuple[Key, ...]

    def __contains__(self, key: object) -> bool:
        return key in self.cells


def _components(relations: Sequence[Relation], hidden: Mapping[Key, Bounds]) -> list[list[Key]]:
    parent = {key: key for key in hidden}

    def root(key: Key) -> Key:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for relation in relations:
        linked = [key for key in relation.cells if key in hidden]
        for key in linked[1:]:
            parent[root(key)] = root(linked[0])
    groups: dict[Key, list[Key]] = {}
    for key in hidden:
        groups.setdefault(root(key), []).append(key)
    return list(groups.values())


def feasible_ranges(
    counts: Mapping[Key, int],
    relations: Sequence[Relation],
    hidden: Mapping[Key, Bounds],
    cells: Sequence[Key] | None = None,
) -> dict[Key, tuple[float, float]]:
    """Smallest and largest value of each hidden cell consistent with what is published.

    Parameters
    ----------
    counts : mapping
        All counts; only those of published cells (not in ``hidden``) are used.
    relations : sequence of Relation
        ``total = sum(parts)`` constraints.
    hidden : mapping of cell key to Bounds
        Hidden cells and what is known of each.
    cells : sequence, optional
        Restrict to these hidden cells (one component); all hidden cells by default.

    References
    ----------
    Cox, L. H. (1980). Suppression methodology and statistical disclosure control. JASA
    75, 377-385 (the audit by linear programming).
    """
    keys = list(hidden if cells is None else cells)
    position = {key: i for i, key in enumerate(keys)}
    rows, rhs = [], []
    for relation in relations:
        if not any(key in position for key in relation.cells):
            continue
        row = np.zeros(len(keys))
        constant = 0.0
        for key, sign in [(relation.total, 1.0)] + [(p, -1.0) for p in relation.parts]:
            if key in position:
                row[position[key]] += sign
            elif key not in hidden:
                constant += sign * counts[key]
        rows.append(row)
        rhs.append(-constant)
    a_eq = np.array(rows) if rows else None
    b_eq = np.array(rhs) if rows else None
    bounds = [(hidden[key].lower, hidden[key].upper) for key in keys]
    ranges = {}
    for i, key in enumerate(keys):
        c = np.zeros(len(keys))
        c[i] = 1.0
        low = linprog(c, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        high = linprog(-c, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        if low.status == 2 or high.status == 2:
            raise ValueError("the published cells contradict each other: check the relations")
        ranges[key] = (low.fun, np.inf if high.status == 3 else -high.fun)
    return ranges


def exposed_cells(
    counts: Mapping[Key, int],
    relations: Sequence[Relation],
    hidden: Mapping[Key, Bounds],
    minimum_width: float = 1.0,
) -> list[Component]:
    """Components of hidden cells with at least one cell pinned to a range < ``minimum_width``.

    A width of at least 1 leaves an intruder at least two whole numbers to choose from
    under the linear relaxation.
    """
    found = []
    for component in _components(relations, hidden):
        ranges = feasible_ranges(counts, relations, hidden, component)
        pinned = tuple(
            key for key, (low, high) in ranges.items() if high - low < minimum_width - 1e-9
        )
        if pinned:
            found.append(Component(cells=tuple(component), pinned=pinned))
    return found
