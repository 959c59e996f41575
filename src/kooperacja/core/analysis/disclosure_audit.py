"""Audit of a suppression pattern: can a hidden cell still be pinned down?

An intruder knows the published cells, the relations between cells and the bounds the
labels give each hidden cell.  The hidden cells linked by relations form components; the
smallest and largest value a cell can take are linear programmes.  A cell whose range is
narrower than ``minimum_width`` is as good as published.

:func:`exposed_cells` decides the same as two programmes per cell (:func:`feasible_ranges`)
with far fewer of them.  A hidden cell in no relation can take any value its label allows
(1..k-1 with k >= 3, or at least k): it needs no programme.  The other cells go into one
programme over all components at once; components share no variable, so a separable
objective optimises every component in one solve.  The true counts (when they agree with
the labels) and two solves with opposite random objectives give feasible points; a cell
that takes values at least ``minimum_width`` apart in two of them is proven safe.  Only
the cells left get their own minimum and maximum, one cell of every component per pair of
solves.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

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
    targets: Sequence[Key] | None = None,
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
    targets : sequence, optional
        The cells (of ``cells``) whose ranges are wanted; every one of ``cells`` by
        default.  The others are still variables of the programmes.

    References
    ----------
    Cox, L. H. (1980). Suppression methodology and statistical disclosure control. JASA
    75, 377-385 (the audit by linear programming).
    """
    from kooperacja.core.analysis.programme import Programme

    keys = list(hidden if cells is None else cells)
    position = {key: i for i, key in enumerate(keys)}
    rows: list[int] = []
    columns: list[int] = []
    values: list[float] = []
    rhs: list[float] = []
    for relation in relations:
        if not any(key in position for key in relation.cells):
            continue
        constant = 0.0
        for key, sign in [(relation.total, 1.0)] + [(p, -1.0) for p in relation.parts]:
            if key in position:
                rows.append(len(rhs))
                columns.append(position[key])
                values.append(sign)
            elif key not in hidden:
                constant += sign * counts[key]
        rhs.append(-constant)
    upper = [np.inf if (top := hidden[key].upper) is None else top for key in keys]
    programme = Programme(rows, columns, values, rhs, [hidden[key].lower for key in keys], upper)
    ranges = {}
    for key in keys if targets is None else targets:
        i = position[key]
        c = np.zeros(len(keys))
        c[i] = 1.0
        low = programme.minimise(c)
        high = programme.minimise(-c)
        if low.status == "infeasible" or high.status == "infeasible":
            raise ValueError("the published cells contradict each other: check the relations")
        ranges[key] = (low.value, np.inf if high.status == "unbounded" else -high.value)
    return ranges


def exposed_cells(
    counts: Mapping[Key, int],
    relations: Sequence[Relation],
    hidden: Mapping[Key, Bounds],
    minimum_width: float = 1.0,
    wide: Collection[Key] = (),
) -> list[Component]:
    """Components of hidden cells with at least one cell pinned to a range < ``minimum_width``.

    A width of at least 1 leaves an intruder at least two whole numbers to choose from
    under the linear relaxation.  The decision is that of :func:`feasible_ranges` for
    every cell (see the module's notes for how fewer programmes reach it).

    ``wide``: cells known not to be pinned (by an audit of fewer hidden cells: hiding one
    more cell only widens the others' ranges, as long as its true count is within its
    bounds), taken as they are.
    """
    tolerance = minimum_width - 1e-9
    linked = [r for r in relations if any(key in hidden for key in r.cells)]
    in_relations = {key for r in linked for key in r.cells if key in hidden}
    keys = [key for key in hidden if key in in_relations]
    pinned = np.zeros(len(keys), dtype=bool)
    components = _components(linked, hidden)
    audit = _Audit(counts, linked, hidden, keys) if keys else None
    if audit is not None:
        linked_components = [c for c in components if c[0] in in_relations]
        member = np.empty(len(keys), dtype=np.int64)
        for number, component in enumerate(linked_components):
            member[[audit.position[key] for key in component]] = number
        truth = np.array([counts[key] for key in keys], dtype=float)
        if audit.feasible(truth):
            audit.witness(truth)
        # Bounds carried along the relations pin many cells (a hidden zero total, a
        # hidden cell whose relation is otherwise published) without a programme.
        proven = audit.propagated_width() < tolerance
        known = np.zeros(len(keys), dtype=bool)
        for key in wide:
            if key in audit.position:
                known[audit.position[key]] = True
        pinned = _pinned(audit, member, tolerance, proven, known & ~proven)
    found = []
    for component in components:
        if component[0] not in in_relations:
            # A cell in no relation ranges over what its label allows.
            bound = hidden[component[0]]
            if bound.upper is not None and bound.upper - bound.lower < tolerance:
                found.append(Component(cells=tuple(component), pinned=tuple(component)))
            continue
        assert audit is not None
        candidates = [key for key in component if pinned[audit.position[key]]]
        if not candidates:
            continue
        # The ceiling can only narrow a range: a cell it leaves wide is wide without it,
        # and those it pins are confirmed with the unbounded programmes.
        unsure = [key for key in candidates if not proven[audit.position[key]]]
        ranges = feasible_ranges(counts, linked, hidden, component, unsure) if unsure else {}
        stuck = tuple(key for key in candidates if proven[audit.position[key]] or (
            ranges[key][1] - ranges[key][0] < tolerance))
        if stuck:
            found.append(Component(cells=tuple(component), pinned=stuck))
    return found


def _pinned(
    audit: _Audit, member: np.ndarray, tolerance: float, proven: np.ndarray,
    wide: np.ndarray,
) -> np.ndarray:
    """Which cells the programme with ceilings pins to a range narrower than ``tolerance``
    (``proven``: pinned already, by the bounds carried along the relations; ``wide``: known
    not to be)."""
    size = member.size
    pinned = proven.copy()
    if (proven | wide).all():
        return pinned
    random = np.random.default_rng(0)
    direction = random.choice([-1.0, 1.0], size)
    audit.solve(direction)
    audit.solve(-direction)
    undecided = (audit.high_seen - audit.low_seen < tolerance) & ~proven & ~wide
    # Random directions over the undecided cells alone move many of them at once, while
    # they still move one in twenty or more.
    for _ in range(20):
        before = int(undecided.sum())
        if before == 0:
            break
        direction = np.zeros(size)
        direction[undecided] = random.choice([-1.0, 1.0], before)
        audit.solve(direction)
        audit.solve(-direction)
        undecided &= audit.high_seen - audit.low_seen < tolerance
        if undecided.sum() > 0.95 * before:
            break
    while undecided.any():
        # One undecided cell per component: its exact minimum and maximum in two solves.
        cells = np.flatnonzero(undecided)
        first = cells[np.unique(member[cells], return_index=True)[1]]
        objective = np.zeros(size)
        objective[first] = 1.0
        low = audit.solve(objective)
        high = audit.solve(-objective)
        pinned[first] = high[first] - low[first] < tolerance
        undecided[first] = False
        undecided &= audit.high_seen - audit.low_seen < tolerance
    return pinned


class _Audit:
    """One linear programme over the hidden cells of every component, and the range of
    values each cell has taken in the solutions so far."""

    def __init__(
        self,
        counts: Mapping[Key, int],
        relations: Sequence[Relation],
        hidden: Mapping[Key, Bounds],
        keys: list[Key],
    ) -> None:
        from kooperacja.core.analysis.programme import Programme

        self.position = {key: i for i, key in enumerate(keys)}
        rows, columns, values, rhs = [], [], [], np.zeros(len(relations))
        for number, relation in enumerate(relations):
            for key, sign in [(relation.total, 1.0)] + [(p, -1.0) for p in relation.parts]:
                if key in self.position:
                    rows.append(number)
                    columns.append(self.position[key])
                    values.append(sign)
                else:
                    rhs[number] -= sign * counts[key]
        self.rows, self.columns = np.array(rows, dtype=np.int64), np.array(columns, dtype=np.int64)
        self.values = np.array(values, dtype=float)
        self.b_eq = rhs
        # A cell without an upper limit gets one no count can reach, so that one programme
        # stays bounded for every component: the largest value such a cell can take is then
        # at least ``ceiling`` when it is unbounded, which is as good as infinite here.
        ceiling = 10.0 * (sum(counts.values()) + 1) + max(b.lower for b in hidden.values())
        self.bounds = np.array(
            [(hidden[key].lower, ceiling if hidden[key].upper is None else hidden[key].upper)
             for key in keys],
            dtype=float,
        )
        self.programme = Programme(self.rows, self.columns, self.values, self.b_eq,
                                   self.bounds[:, 0], self.bounds[:, 1])
        self._hidden = [hidden[key] for key in keys]
        self.low_seen = np.full(len(keys), np.inf)
        self.high_seen = np.full(len(keys), -np.inf)

    def propagated_width(self, passes: int = 30) -> np.ndarray:
        """The width of each cell's range by bounds propagation over the relations
        (without the ceiling): an outer bound of the programme's range, so a width below
        the tolerance proves the cell pinned."""
        low = self.bounds[:, 0].copy()
        high = np.array([np.inf if b.upper is None else b.upper for b in self._hidden])
        rows, columns, a = self.rows, self.columns, self.values
        count = self.b_eq.size
        for _ in range(passes):
            # Each entry's smallest and largest term a * x, and per row their sums, with
            # the infinite terms counted apart (inf - inf is not a number).
            small = np.minimum(a * low[columns], a * high[columns])
            large = np.maximum(a * low[columns], a * high[columns])
            small_inf, large_inf = np.isinf(small), np.isinf(large)
            row_small = np.bincount(rows, np.where(small_inf, 0.0, small), count)
            row_large = np.bincount(rows, np.where(large_inf, 0.0, large), count)
            n_small = np.bincount(rows, small_inf.astype(float), count)
            n_large = np.bincount(rows, large_inf.astype(float), count)
            # The others' terms of the entry's row: sum of the row minus its own term.
            others_small = np.where(
                n_small[rows] - small_inf > 0, -np.inf,
                row_small[rows] - np.where(small_inf, 0.0, small))
            others_large = np.where(
                n_large[rows] - large_inf > 0, np.inf,
                row_large[rows] - np.where(large_inf, 0.0, large))
            # a * x = b - others
            term_low = self.b_eq[rows] - others_large
            term_high = self.b_eq[rows] - others_small
            with np.errstate(invalid="ignore"):
                entry_low = np.where(a > 0, term_low / a, term_high / a)
                entry_high = np.where(a > 0, term_high / a, term_low / a)
            new_low = low.copy()
            new_high = high.copy()
            np.maximum.at(new_low, columns, np.nan_to_num(entry_low, nan=-np.inf))
            np.minimum.at(new_high, columns, np.nan_to_num(entry_high, nan=np.inf))
            if np.array_equal(new_low, low) and np.array_equal(new_high, high):
                break
            low, high = new_low, new_high
        width: np.ndarray = high - low
        return width

    def solve(self, objective: np.ndarray) -> np.ndarray:
        solution = self.programme.minimise(objective)
        if solution.status == "infeasible":
            raise ValueError("the published cells contradict each other: check the relations")
        if solution.status != "optimal":
            raise RuntimeError(f"disclosure audit: the linear programme is {solution.status}")
        self.witness(solution.x)
        return solution.x

    def feasible(self, x: np.ndarray) -> bool:
        """Whether ``x`` satisfies every relation and bound (the true counts do, when the
        labels are true)."""
        inside = np.all((x >= self.bounds[:, 0]) & (x <= self.bounds[:, 1]))
        sums = np.bincount(
            self.rows, weights=self.values * x[self.columns], minlength=self.b_eq.size
        )
        return bool(inside and np.allclose(sums, self.b_eq, rtol=0, atol=1e-9))

    def witness(self, x: np.ndarray) -> None:
        """Widen each cell's range of values seen by the feasible point ``x``."""
        np.minimum(self.low_seen, x, out=self.low_seen)
        np.maximum(self.high_seen, x, out=self.high_seen)
