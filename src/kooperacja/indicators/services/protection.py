"""Disclosure control of one indicator and period: every level in one ``suppress`` call,
with the numerator's breakdown by sex and age band where the records give one.

The breakdown's cells go into the same call as the totals: a total published on the map
and hidden on a unit's page as a complement would undo the page's protection. Its cells
are ``(pk, (NUMERATOR, sex, band))``, with ``ALL`` for a margin (every band of a sex,
every sex of a band); the relations are the unit's total = the sum over sexes = the sum
over bands, each margin = the sum of its cells, and a parent's cell = its children's.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Literal

from django.utils.translation import gettext as _

from kooperacja.core.analysis import Reason, Relation, SuppressedTable, suppress, threshold
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

    def hidden(self, pk: int, denominator_is_count: bool) -> Reason | None:
        reason = self.table.cells[(pk, NUMERATOR)].reason
        if reason is None and denominator_is_count:
            reason = self.table.cells[(pk, DENOMINATOR)].reason
        return reason

    def group(self, pk: int, sex: str | None, band: str | None) -> tuple[int | None, str]:
        """The published numerator of unit ``pk`` in one cell of its breakdown (``ALL``
        for a margin), or None and the reason it is hidden; (0, "") for a cell the
        table does not hold (no one of that sex and band anywhere)."""
        cell = self.table.cells.get((pk, (NUMERATOR, sex, band)))
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
    present: set[Group] = {g for cells in groups.values() for g in cells}
    if not present or present == {(None, None)}:
        return [], []
    if any(sum(groups.get(u.pk, {}).values()) != int(n) for u, n in zip(raw.units, raw.numerator)):
        return [], []  # not a breakdown of this numerator: leave it out
    sexes = sorted({s for s, _ in present}, key=repr)
    bands = sorted({b for _, b in present}, key=repr)
    relations: list[Relation] = []
    for unit in raw.units:
        cells = groups.get(unit.pk, {})
        own = {(s, b): cells.get((s, b), 0) for s, b in present}
        for s, b in present:
            counts[(unit.pk, (NUMERATOR, s, b))] = own[(s, b)]
        for s in sexes:
            counts[(unit.pk, (NUMERATOR, s, ALL))] = sum(n for (x, _), n in own.items() if x == s)
        for b in bands:
            counts[(unit.pk, (NUMERATOR, ALL, b))] = sum(n for (_, y), n in own.items() if y == b)
        relations.append(
            Relation((unit.pk, NUMERATOR), tuple((unit.pk, (NUMERATOR, s, ALL)) for s in sexes))
        )
        relations.append(
            Relation((unit.pk, NUMERATOR), tuple((unit.pk, (NUMERATOR, ALL, b)) for b in bands))
        )
        for s in sexes:
            relations.append(
                Relation(
                    (unit.pk, (NUMERATOR, s, ALL)),
                    tuple((unit.pk, (NUMERATOR, s, b)) for b in bands if (s, b) in present),
                )
            )
        for b in bands:
            relations.append(
                Relation(
                    (unit.pk, (NUMERATOR, ALL, b)),
                    tuple((unit.pk, (NUMERATOR, s, b)) for s in sexes if (s, b) in present),
                )
            )
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
    """Suppress the numerators (and count denominators) of every unit at every level, and
    the numerators' breakdowns by sex and age band (``raw.groups``).

    With ``protect_zeros`` (an indicator of a rare, sensitive problem) a zero numerator is
    hidden like a small count wherever a sibling unit's numerator is hidden."""
    k = threshold(audience) if k is None else k
    counts: dict[Hashable, int] = {
        (u.pk, NUMERATOR): int(n) for u, n in zip(raw.units, raw.numerator)
    }
    relations, inexact = _relations(raw, NUMERATOR, counts)
    split, split_inexact = _breakdown(raw, counts)
    relations += split
    inexact += split_inexact
    if raw.denominator_is_count:
        counts |= {(u.pk, DENOMINATOR): int(d) for u, d in zip(raw.units, raw.denominator)}
        more, other = _relations(raw, DENOMINATOR, counts)
        relations += more
        inexact += other
    # The numerators and their breakdowns (not the parents' unpublished rests).
    zeros = (
        [
            key
            for key in counts
            if isinstance(key, tuple)
            and len(key) == 2
            and (key[1] == NUMERATOR or isinstance(key[1], tuple))
        ]
        if protect_zeros
        else []
    )
    table = suppress(counts, relations, k=k, protect_zeros=zeros)
    return Protected(table, tuple(sorted(set(inexact))))


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
