"""An indicator's numerator per unit by sex and age band, after disclosure control.

The cells are decided around the map's decisions (:func:`.protection.protect_breakdown`):
a total the map publishes is never a complement hidden here, a total it hides stays
hidden, and the audit covers both together.
"""

from __future__ import annotations

from dataclasses import dataclass

from kooperacja.core.submissions.demography import AGE_BANDS, SEXES
from kooperacja.indicators.models import Indicator
from kooperacja.indicators.services.inputs import Provenance, current_units, raw_counts
from kooperacja.indicators.services.protection import (
    ALL,
    Audience,
    protect,
    protect_breakdown,
    reason_label,
)

# The order of the rows: the sexes then not known; the bands then not known; ALL last.
_SEX_ORDER: tuple[str | None, ...] = (*SEXES, None, ALL)
_BAND_ORDER: tuple[str | None, ...] = (*AGE_BANDS, None, ALL)


@dataclass(frozen=True)
class BreakdownCell:
    """One published cell: ``sex`` "K", "M", None (not known) or "*" (both and not known);
    ``age_band`` a stored band (``core.submissions.demography.AGE_BANDS``), None or "*".
    ``persons`` is None when hidden, with ``reason`` and the reader's ``label``."""

    sex: str | None
    age_band: str | None
    persons: int | None
    reason: str
    label: str

    @property
    def hidden(self) -> bool:
        return self.persons is None


@dataclass(frozen=True)
class Breakdown:
    """Per unit code (of the units asked for) its cells, in a fixed order; ``k`` the
    threshold applied. Empty for an indicator without breakdowns (families, overlaps,
    partners' aggregates only)."""

    indicator: str
    period: str
    audience: Audience
    k: int
    units: dict[str, list[BreakdownCell]]


def indicator_breakdown(
    indicator: Indicator,
    period: str,
    audience: Audience = "public",
    *,
    level: str | None = None,
    unit_codes: list[str] | None = None,
) -> Breakdown:
    """The numerator of ``indicator`` in ``period`` by sex × age band, and its margins by
    sex and by band, for the current units (of one ``level``, or these ``unit_codes``),
    after disclosure control for ``audience`` over every level at once."""
    units = current_units()
    raw = raw_counts(indicator, period, Provenance(), units, audience=audience)
    zeros = indicator.protect_zeros
    guard = protect_breakdown(raw, protect(raw, audience, protect_zeros=zeros), protect_zeros=zeros)
    k = guard.table.k
    present = {g for cells in (raw.groups or {}).values() for g in cells}
    out: dict[str, list[BreakdownCell]] = {}
    if not present or present == {(None, None)}:
        return Breakdown(indicator.code, period, audience, k, out)
    sexes = [s for s in _SEX_ORDER if s == ALL or any(s == x for x, _ in present)]
    bands = [b for b in _BAND_ORDER if b == ALL or any(b == y for _, y in present)]
    for unit in units:
        if level is not None and unit.level != level:
            continue
        if unit_codes is not None and unit.code not in unit_codes:
            continue
        cells = []
        for sex in sexes:
            for band in bands:
                if sex == ALL and band == ALL:
                    continue
                if sex != ALL and band != ALL and (sex, band) not in present:
                    continue
                value, reason = guard.group(unit.pk, sex, band)
                cells.append(
                    BreakdownCell(sex, band, value, reason, reason_label(reason or None, k))
                )
        out[unit.code] = cells
    return Breakdown(indicator.code, period, audience, k, out)
