"""Disclosure control of one indicator and period: every level in one ``suppress`` call."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Literal

from django.utils.translation import gettext as _

from kooperacja.core.analysis import Reason, Relation, SuppressedTable, suppress, threshold
from kooperacja.indicators.services.inputs import Raw

Audience = Literal["public", "analyst"]
NUMERATOR, DENOMINATOR, REST = "n", "d", "rest"
NO_DENOMINATOR = "no denominator"


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


def _relations(
    raw: Raw, category: str, counts: dict[Hashable, int]
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
