"""Disclosure control of one indicator and period: every level in one ``suppress`` call,
then, for the numerator's breakdown by sex and age band where the records give one, a
second call that keeps every decision of the first.

The map's values (:func:`protect`) are decided first and never change with the breakdown:
:func:`protect_breakdown` adds the breakdown's cells around them, with the totals the map
publishes fixed (never complements) and those it hides still hidden, and audits them all
together, so neither the map nor a unit's breakdown gives back a cell the other hides.
Its cells are ``(pk, (NUMERATOR, sex, band))``, with ``ALL`` for a margin (every band of
a sex, every sex of a band); the relations are the unit's total = the sum over sexes =
the sum over bands, each margin = the sum of its cells, and a parent's cell = its
children's.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Literal

from django.utils.translation import gettext as _

from kooperacja.core.analysis import (
    Reason,
    Relation,
    SuppressedTable,
    breakdown_relations,
    suppress,
    threshold,
)
from kooperacja.indicators.services.inputs import Group, Raw

Audience = Literal["public", "analyst"]
NUMERATOR, DENOMINATOR, REST = "n", "d", "rest"
NO_DENOMINATOR = "no denominator"
ALL = "*"  # a margin of the breakdown: every sex, or every band


@dataclass(frozen=True)
class Protected:
    """The suppression decisions for a Raw table; ``inexact`` lists parents whose
    children add up to more than they hold (e.g. overlap counted in two units)."""

    table: SuppressedTable
    inexact: tuple[str, ...]
    # The table with the breakdown's cells (protect_breakdown), None before or without one.
    breakdown: SuppressedTable | None = None

    def hidden(self, pk: int, denominator_is_count: bool) -> Reason | None:
        reason = self.table.cells[(pk, NUMERATOR)].reason
        if reason is None and denominator_is_count:
            reason = self.table.cells[(pk, DENOMINATOR)].reason
        return reason

    def group(self, pk: int, sex: str | None, band: str | None) -> tuple[int | None, str]:
        """The published numerator of unit ``pk`` in one cell of its breakdown (``ALL``
        for a margin), or None and the reason it is hidden; (0, "") for a cell the
        table does not hold (no one of that sex and band anywhere)."""
        cell = (self.breakdown or self.table).cells.get((pk, (NUMERATOR, sex, band)))
        if cell is None:
            return 0, ""
        return cell.value, "" if cell.reason is None else cell.reason.value


def _relations(
    raw: Raw, category: Hashable, counts: dict[Hashable, int]
) -> tuple[list[Relation], list[str]]:
    """Parent = sum of children; a parent holding more than its children gets an
    unpublished "rest" part (records placed only at the parent's level)."""
    present = {u.pk for u in raw.units}
    children: dict[int, list[int]] = {}
    for unit in raw.units:
        if unit.parent in present:
            children.setdefault(unit.parent, []).append(unit.pk)
    code = {u.pk: u.code for u in raw.units}
    relations, inexact = [], []
    for parent, kids in children.items():
        parts: list[Hashable] = [(kid, category) for kid in kids]
        rest = counts[(parent, category)] - sum(counts[p] for p in parts)
        if rest < 0:
            inexact.append(code[parent])
            continue
        if rest > 0:
            counts[(parent, category, REST)] = rest
            parts.append((parent, category, REST))
        relations.append(Relation((parent, category), tuple(parts)))
    return relations, inexact


def _breakdown(raw: Raw, counts: dict[Hashable, int]) -> tuple[list[Relation], list[str]]:
    """The cells of the numerator's breakdown by sex and age band, and their relations."""
    groups = raw.groups or {}
    # In a fixed order (sets of strings iterate in a per-process order): the complements
    # chosen depend on the order of the cells and relations.
    present: list[Group] = sorted({g for cells in groups.values() for g in cells}, key=repr)
    if not present or present == [(None, None)]:
        return [], []
    if any(sum(groups.get(u.pk, {}).values()) != int(n) for u, n in zip(raw.units, raw.numerator)):
        return [], []  # not a breakdown of this numerator: leave it out
    sexes = sorted({s for s, _ in present}, key=repr)
    bands = sorted({b for _, b in present}, key=repr)
    for unit in raw.units:
        cells = groups.get(unit.pk, {})
        own = {(s, b): cells.get((s, b), 0) for s, b in present}
        for s, b in present:
            counts[(unit.pk, (NUMERATOR, s, b))] = own[(s, b)]
        for s in sexes:
            counts[(unit.pk, (NUMERATOR, s, ALL))] = sum(n for (x, _), n in own.items() if x == s)
        for b in bands:
            counts[(unit.pk, (NUMERATOR, ALL, b))] = sum(n for (_, y), n in own.items() if y == b)
    relations = breakdown_relations([u.pk for u in raw.units], NUMERATOR, present, ALL)
    inexact: list[str] = []
    categories = [*present, *((s, ALL) for s in sexes), *((ALL, b) for b in bands)]
    for s, b in categories:
        more, other = _relations(raw, (NUMERATOR, s, b), counts)
        relations += more
        inexact += other
    return relations, inexact


def protect(
    raw: Raw, audience: Audience, k: int | None = None, *, protect_zeros: bool = False
) -> Protected:
    """Suppress the numerators (and count denominators) of every unit at every level.

    With ``protect_zeros`` (an indicator of a rare, sensitive problem) a zero numerator is
    hidden like a small count wherever a sibling unit's numerator is hidden."""
    k = threshold(audience) if k is None else k
    counts: dict[Hashable, int] = {
        (u.pk, NUMERATOR): int(n) for u, n in zip(raw.units, raw.numerator)
    }
    relations, inexact = _relations(raw, NUMERATOR, counts)
    if raw.denominator_is_count:
        counts |= {(u.pk, DENOMINATOR): int(d) for u, d in zip(raw.units, raw.denominator)}
        more, other = _relations(raw, DENOMINATOR, counts)
        relations += more
        inexact += other
    zeros = [(u.pk, NUMERATOR) for u in raw.units] if protect_zeros else []
    table = suppress(counts, relations, k=k, protect_zeros=zeros)
    return Protected(table, tuple(sorted(set(inexact))))


def protect_breakdown(raw: Raw, guard: Protected, *, protect_zeros: bool = False) -> Protected:
    """``guard`` (from :func:`protect` over ``raw``) with the numerator's breakdown by sex
    and age band decided around its decisions (see the module's note); ``guard`` as it is
    when ``raw`` has no breakdown. With ``protect_zeros`` a zero cell of the breakdown is
    hidden like a small count wherever another cell of one of its relations is hidden."""
    counts = {key: cell.count for key, cell in guard.table.cells.items()}
    split, inexact = _breakdown(raw, counts)
    if not split:
        return guard
    new = [key for key in counts if key not in guard.table.cells]
    # The breakdown's cells, not the parents' unpublished rests (three parts).
    # (and the numerators, as protect hid them: a hidden zero there may be 0).
    zeros = (
        [k for k in new if isinstance(k, tuple) and len(k) == 2]
        + [(u.pk, NUMERATOR) for u in raw.units]
        if protect_zeros else []
    )
    table = suppress(
        counts,
        [*guard.table.relations, *split],
        k=guard.table.k,
        protect_zeros=zeros,
        hidden=guard.table.hidden(),
        fixed=guard.table.published().keys(),
    )
    return Protected(guard.table, tuple(sorted({*guard.inexact, *inexact})), table)


def reason_label(reason: Reason | str | None, k: int) -> str:
    """What a reader sees instead of a hidden value, in the active language."""
    if reason is None:
        return ""
    if reason == NO_DENOMINATOR:
        return _("no population or denominator")
    reason = Reason(reason)
    if reason is Reason.FEWER_THAN_K:
        return _("fewer than %(k)s") % {"k": k}
    if reason is Reason.DOMINANCE:
        return _("hidden: too few contributors or one dominates")
    return _("hidden to protect another cell")
