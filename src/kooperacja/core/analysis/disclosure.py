"""Disclosure control for tables of counts: what may be published, and why not.

A table is a mapping from cell keys (any hashable: ``("1465011", "poverty")``) to counts,
plus the additive relations between its cells (a row total is the sum of its row; a
parent unit's count is the sum of its children's).  :func:`suppress` decides per cell
whether it is published and, if not, why, so that an interface can write "fewer than 5"
instead of leaving a blank.

Rules, in order (art. 38 ust. 2 of the public statistics act is the legal floor; the
thresholds above it are common practice):

1. Primary: a count from 1 to k - 1 is hidden ("fewer than k"); k is 5 for the public
   and 3 for analysts, and a k below 3 is refused.
2. Dominance: when the contributors of a cell are given (families, institutions), the
   cell is hidden if it has fewer than 3 contributors or one contributes over 3/4.
3. Secondary: no relation may have exactly one hidden cell (it would be its total minus
   the published rest); the smallest non-zero published cell of such a relation is
   hidden too, until nothing changes.  An audit then computes, by linear programming,
   the range each hidden cell can take given everything published and what the labels
   say (hidden "fewer than k" cells are 1..k-1, other hidden cells at least k); a cell
   whose range is narrower than 1 gets another complement, and the loop repeats.  Every
   pinned cell of a round gets one (the smallest of its own relations; one per group of
   cells sharing a relation), so a table of thousands of cells needs few rounds; a cell
   still pinned after ``ATTEMPTS`` complements is reported in ``exposed``.

Zeros are published: a zero describes nobody, and hiding zeros only to hide them again
would make every sparse table grey.  Zeros are never chosen as complements, which is
what lets the audit assume hidden complements are at least k.  For rare, sensitive
problems (homelessness, domestic violence by estate) published zeros next to hidden
cells say where the few cases are; cells named in ``protect_zeros`` are then hidden
when zero wherever another cell of a relation they are a part of is hidden, with the
label of a small count ("fewer than k"), before complements are chosen (a complement
chosen beside a hidden zero would say the zero is none of the small counts), and the
audit lets every "fewer than k" cell of such a table be 0.  All tables that will be
published together (every level of one indicator and period) must go through one call:
suppressing levels separately lets a parent and its children be subtracted.
"""

from __future__ import annotations

import heapq
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Literal, TypeVar

from kooperacja.core.analysis.disclosure_audit import Bounds, exposed_cells

Key = Hashable
U = TypeVar("U", bound=Hashable)  # a unit, which hide_derived hands back
PUBLIC_K = 5
ANALYST_K = 3
LEGAL_MINIMUM_K = 3
DOMINANCE_SHARE = 0.75
MINIMUM_CONTRIBUTORS = 3
ATTEMPTS = 3  # complements tried per pinned cell before it is reported exposed


class Reason(str, Enum):  # noqa: UP042 (StrEnum would change str(reason))
    """Why a cell is hidden."""

    FEWER_THAN_K = "fewer than k"
    DOMINANCE = "dominance"
    SECONDARY = "secondary"


def _label(reason: Reason | None, k: int) -> str:
    if reason is Reason.FEWER_THAN_K:
        return f"fewer than {k}"
    if reason is Reason.DOMINANCE:
        return "hidden: too few contributors or one dominates"
    if reason is Reason.SECONDARY:
        return "hidden to protect another cell"
    return ""


@dataclass(frozen=True)
class Relation:
    """``total`` equals the sum of ``parts`` (all cell keys of one suppression call)."""

    total: Key
    parts: tuple[Key, ...]

    @property
    def cells(self) -> tuple[Key, ...]:
        return (self.total, *self.parts)


@dataclass(frozen=True)
class Cell:
    """The decision for one cell; ``count`` is the true count, for internal use only."""

    count: int
    published: bool
    reason: Reason | None
    k: int

    @property
    def value(self) -> int | None:
        """What may be shown: the count, or None when hidden."""
        return self.count if self.published else None

    @property
    def label(self) -> str:
        """Text for a hidden cell ("fewer than 5"), empty when published."""
        return _label(self.reason, self.k)


@dataclass(frozen=True)
class PublishedValue:
    """A value derived from a cell (a rate, a smoothed rate, a quotient), or why not."""

    value: float | None
    reason: Reason | None
    k: int

    @property
    def label(self) -> str:
        return _label(self.reason, self.k)


@dataclass(frozen=True)
class SuppressedTable:
    """Result of :func:`suppress`.

    ``exposed`` lists hidden cells whose value the published cells and labels still
    pin down and that no further complement could protect (e.g. at k = 3 a total
    "fewer than 3" of two "fewer than 3" parts must be 2 = 1 + 1); merge categories or
    raise k for them.
    """

    cells: dict[Key, Cell]
    relations: tuple[Relation, ...]
    k: int
    exposed: tuple[Key, ...] = field(default=())

    def published(self) -> dict[Key, int]:
        return {key: cell.count for key, cell in self.cells.items() if cell.published}

    def hidden(self) -> dict[Key, Reason]:
        return {key: cell.reason for key, cell in self.cells.items() if cell.reason is not None}


def threshold(audience: Literal["public", "analyst"]) -> int:
    """The default k of an audience: 5 for the public, 3 for analysts."""
    thresholds = {"public": PUBLIC_K, "analyst": ANALYST_K}
    if audience not in thresholds:
        raise ValueError(f"audience must be 'public' or 'analyst', not {audience!r}")
    return thresholds[audience]


def hierarchy_relations(
    parent_of: Mapping[Key, Key | None], categories: Iterable[Key]
) -> list[Relation]:
    """Relations "parent = sum of children" for every category; cell keys ``(unit, category)``.

    Only exact when every record of a parent is also in one of its children; put records
    known only at the parent level in a child of their own ("unallocated").
    """
    children: dict[Key, list[Key]] = {}
    for unit, parent in parent_of.items():
        if parent is not None:
            children.setdefault(parent, []).append(unit)
    return [
        Relation((parent, category), tuple((child, category) for child in kids))
        for category in categories
        for parent, kids in children.items()
    ]


def margin_relations(units: Iterable[Key], categories: Sequence[Key], total: Key) -> list[Relation]:
    """Relations "unit's total = sum over categories"; cell keys ``(unit, category)``.

    Only for mutually exclusive categories: reasons for assistance are not (one family
    has several), so their sum is not the number of families.
    """
    return [Relation((unit, total), tuple((unit, c) for c in categories)) for unit in units]


def breakdown_relations(
    units: Iterable[Key],
    category: Key,
    cells: Collection[tuple[Key, Key]],
    every: Key = "*",
) -> list[Relation]:
    """Relations of a two-way breakdown (sex × age band) of each unit's ``(unit,
    category)`` cell, so that no hidden cell is the difference of a margin and the rest.

    Cell keys: ``(unit, (category, row, column))`` for the ``cells`` (row, column) pairs
    that occur, ``(unit, (category, row, every))`` for a row's margin and ``(unit,
    (category, every, column))`` for a column's. Relations: the unit's cell = the sum of
    the row margins = the sum of the column margins, and each margin = the sum of its
    cells. Rows and columns must be exhaustive (put "not known" in a row and column of
    its own). With :func:`hierarchy_relations` over the categories ``(category, row,
    column)`` and the margins, parents and children are tied cell by cell.
    """
    rows = sorted({r for r, _ in cells}, key=_order)
    columns = sorted({c for _, c in cells}, key=_order)
    out: list[Relation] = []
    for unit in units:
        def key(row: Key, column: Key, unit: Key = unit) -> Key:
            return (unit, (category, row, column))

        out.append(Relation((unit, category), tuple(key(r, every) for r in rows)))
        out.append(Relation((unit, category), tuple(key(every, c) for c in columns)))
        out += [Relation(key(r, every), tuple(key(r, c) for c in columns if (r, c) in cells))
                for r in rows]
        out += [Relation(key(every, c), tuple(key(r, c) for r in rows if (r, c) in cells))
                for c in columns]
    return out


def _validate(counts: Mapping[Key, int], relations: Sequence[Relation], k: int) -> None:
    if k < LEGAL_MINIMUM_K:
        raise ValueError(
            f"k={k} is below the legal minimum of {LEGAL_MINIMUM_K} "
            "(art. 38 ust. 2 of the public statistics act); use k >= 3"
        )
    for key, count in counts.items():
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise ValueError(f"cell {key!r} has count {count!r}; counts are non-negative integers")
    for relation in relations:
        missing = [key for key in relation.cells if key not in counts]
        if missing:
            raise ValueError(
                f"relation for {relation.total!r} names cells without a count: {missing}"
            )
        parts = sum(counts[key] for key in relation.parts)
        if parts != counts[relation.total]:
            raise ValueError(
                f"cell {relation.total!r} is {counts[relation.total]} but its parts sum to "
                f"{parts}; "
                "a relation must hold exactly (add an 'unallocated' part for the difference)"
            )


def _dominated(contributions: Sequence[float], share: float) -> bool:
    positive = [c for c in contributions if c > 0]
    if not positive:
        return False
    return len(positive) < MINIMUM_CONTRIBUTORS or max(positive) > share * sum(positive)


def _order(key: Key) -> str:
    return repr(key)


def _complement(
    relation: Relation, counts: Mapping[Key, int], reasons: Mapping[Key, Reason],
    fixed: Collection[Key] = (),
) -> Key | None:
    candidates = [key for key in relation.cells
                  if key not in reasons and counts[key] > 0 and key not in fixed]
    return min(candidates, key=lambda key: (counts[key], _order(key)), default=None)


def _by_cell(relations: Sequence[Relation]) -> dict[Key, list[int]]:
    """The positions of the relations each cell is in, in order."""
    index: dict[Key, list[int]] = {}
    for number, relation in enumerate(relations):
        for key in relation.cells:
            index.setdefault(key, []).append(number)
    return index


def _smallest(
    positions: Iterable[int], relations: Sequence[Relation], counts: Mapping[Key, int],
    reasons: Mapping[Key, Reason], fixed: Collection[Key],
) -> Key | None:
    """The smallest complement of any of the relations at ``positions``."""
    return min(
        (c for n in positions
         if (c := _complement(relations[n], counts, reasons, fixed)) is not None),
        key=lambda key: (counts[key], _order(key)),
        default=None,
    )


def _fixed_point(
    counts: Mapping[Key, int], relations: Sequence[Relation], reasons: dict[Key, Reason],
    protected: set[Key], fixed: Collection[Key] = (),
    by_cell: Mapping[Key, list[int]] | None = None,
) -> None:
    """Hide complements until no relation has exactly one hidden cell.  In a relation
    with a hidden cell its protected zero parts are hidden first, so that no complement
    is chosen where a hidden zero already protects (the choice would tell that the zero
    is none of the small counts); a hidden zero total hides its parts in turn.

    The relations are swept in order, pass after pass, as if every relation were looked
    at in every pass; but a relation whose cells did not change since it was last looked
    at would change nothing, so only those whose cells changed are (in bulk: the same
    decisions as the plain sweep, in time linear in the changes)."""
    index = _by_cell(relations) if by_cell is None else by_cell
    now: list[int] = list(range(len(relations)))  # a heap of this pass's positions
    queued = set(now)
    later: set[int] = set()

    def touched(key: Key, position: int) -> None:
        for other in index.get(key, ()):
            if other > position:
                if other not in queued:
                    queued.add(other)
                    heapq.heappush(now, other)
            elif other < position:
                later.add(other)

    while now:
        while now:
            position = heapq.heappop(now)
            queued.discard(position)
            relation = relations[position]
            hidden = sum(key in reasons for key in relation.cells)
            if hidden and protected:
                for key in relation.parts:
                    if key in protected and key not in reasons and counts[key] == 0:
                        reasons[key] = Reason.FEWER_THAN_K
                        hidden += 1
                        touched(key, position)
            if hidden == 1:
                chosen = _complement(relation, counts, reasons, fixed)
                if chosen is not None:
                    reasons[chosen] = Reason.SECONDARY
                    touched(chosen, position)
        now = sorted(later)
        queued = set(now)
        later = set()


def suppress(
    counts: Mapping[Key, int],
    relations: Iterable[Relation] = (),
    *,
    k: int = PUBLIC_K,
    contributors: Mapping[Key, Sequence[float]] | None = None,
    dominance: float = DOMINANCE_SHARE,
    protect_zeros: Collection[Key] = (),
    hidden: Mapping[Key, Reason] | None = None,
    fixed: Collection[Key] = (),
) -> SuppressedTable:
    """Decide, for every cell, whether it may be published.

    Parameters
    ----------
    counts : mapping of cell key to int
        Every cell of every table published together, totals included.
    relations : iterable of Relation
        The additive relations between those cells (see :func:`hierarchy_relations`,
        :func:`margin_relations`); each must hold exactly.
    k : int
        Threshold: counts from 1 to k - 1 are hidden; at least 3.
    contributors : mapping of cell key to sequence of float, optional
        Contribution of each contributor (family, institution) to a cell, for the
        dominance rule.
    dominance : float
        Largest share one contributor may have, 3/4 by law.
    protect_zeros : collection of cell keys
        Cells hidden, when zero, like a count below k wherever another cell of a relation
        they are a part of is hidden (see :func:`_fixed_point`).
    hidden, fixed : decisions already published
        To add cells to a table already published (a breakdown by sex and age of published
        totals): the cells ``hidden`` stay hidden with their reasons, the cells ``fixed``
        stay published and are never chosen as complements; the new cells are decided
        around them and the audit covers all of them.

    References
    ----------
    Cox, L. H. (1980). Suppression methodology and statistical disclosure control. JASA
    75, 377-385.
    Hundepool, A., Domingo-Ferrer, J., Franconi, L., Giessing, S., Schulte Nordholt, E.,
    Spicer, K., de Wolf, P.-P. (2012). Statistical Disclosure Control. Wiley, ch. 4.
    Ustawa z dnia 29 czerwca 1995 r. o statystyce publicznej, art. 38 ust. 2.
    """
    relations = tuple(relations)
    _validate(counts, relations, k)
    fixed = frozenset(fixed)
    reasons: dict[Key, Reason] = {
        key: Reason.FEWER_THAN_K for key, c in counts.items() if 0 < c < k and key not in fixed
    }
    reasons |= dict(hidden or {})
    for key, contributions in (contributors or {}).items():
        if key not in counts:
            raise ValueError(f"contributors given for {key!r}, which has no count")
        if key not in reasons and key not in fixed and _dominated(contributions, dominance):
            reasons[key] = Reason.DOMINANCE
    exposed: tuple[Key, ...] = ()
    protected = set(protect_zeros)
    by_cell = _by_cell(relations)
    tries: dict[Key, int] = {}
    wide: set[Key] = set()
    while True:
        _fixed_point(counts, relations, reasons, protected, fixed, by_cell)
        # A "fewer than k" cell of a table with protected zeros may be 0.
        bounds = {
            key: Bounds(0 if key in protected else 1, k - 1)
            if reason is Reason.FEWER_THAN_K else Bounds(k, None)
            for key, reason in reasons.items()
        }
        pinned = exposed_cells(counts, relations, bounds, wide=wide)
        # Hiding more cells only widens the ranges of those hidden already (each new one's
        # true count is within its bounds): those not pinned now never will be.
        wide = set(bounds) - {key for component in pinned for key in component.pinned}
        added = False
        unfixable: list[Key] = []
        for component in pinned:
            # In bulk: a pinned cell gets the smallest complement of a relation it is in
            # (a large table pins many cells of one component at a time), at most
            # ATTEMPTS times; a cell still pinned after that, or whose relations have no
            # complement left, is exposed (what pins it is a label, not a sum: hiding more
            # of the component would grey the table and leave it pinned).  A pinned cell
            # in a relation with one that got a complement this round waits for the next
            # audit (that complement may free it too).
            chosen: dict[Key, None] = {}  # in the order chosen
            near: set[Key] = set()
            for key in component.pinned:
                if key in near:
                    continue
                tries[key] = tries.get(key, 0) + 1
                c = None
                if tries[key] <= ATTEMPTS:
                    c = _smallest(by_cell.get(key, ()), relations, counts, reasons, fixed)
                if c is None:
                    unfixable.append(key)
                    continue
                chosen[c] = None
                near.update(cell for n in by_cell.get(key, ()) for cell in relations[n].cells)
            for key in chosen:
                reasons[key], added = Reason.SECONDARY, True
        if not added:
            exposed = tuple(unfixable)
            break
    cells = {
        key: Cell(count=count, published=key not in reasons, reason=reasons.get(key), k=k)
        for key, count in counts.items()
    }
    return SuppressedTable(cells=cells, relations=relations, k=k, exposed=exposed)


def hide_derived(
    values: Mapping[U, float], numerators: Mapping[U, Key], table: SuppressedTable
) -> dict[U, PublishedValue]:
    """Hide every value whose numerator cell is hidden.

    A rate, an EB-smoothed rate or a location quotient of a unit with a published
    denominator gives its numerator back by multiplication, so each is hidden exactly
    when its numerator is, with the numerator's reason.

    Parameters
    ----------
    values : mapping of unit to float
        Derived values per unit.
    numerators : mapping of unit to cell key
        The numerator cell of each unit's value in ``table``.
    table : SuppressedTable
        Result of :func:`suppress` over those numerators.
    """
    out: dict[U, PublishedValue] = {}
    for unit, value in values.items():
        if unit not in numerators or numerators[unit] not in table.cells:
            raise ValueError(f"no numerator cell in the suppressed table for {unit!r}")
        cell = table.cells[numerators[unit]]
        out[unit] = PublishedValue(
            value=float(value) if cell.published else None, reason=cell.reason, k=table.k
        )
    return out
