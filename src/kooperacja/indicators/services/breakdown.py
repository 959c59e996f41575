"""An indicator's numerator per unit by sex and age band, after disclosure control.

The cells are decided around the map's decisions (:func:`.protection.protect_breakdown`):
a total the map publishes is never a complement hidden here, a total it hides stays
hidden, and the audit covers both together.

The protected cells of every unit are stored once per version of the published values'
inputs, as the published values are (indicators/services/published.py: the same table
and version, under the classification :data:`STORED_AS`), so a reader (the page per unit,
the report) never runs the audit again until an import or an edit changes the inputs.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from kooperacja.core.errors import UserError
from kooperacja.core.submissions.demography import AGE_BANDS, SEXES
from kooperacja.indicators.models import Indicator, PublishedValues
from kooperacja.indicators.services.inputs import (
    Provenance,
    Scope,
    current_units,
    raw_counts,
    scope_key,
)
from kooperacja.indicators.services.protection import (
    ALL,
    Audience,
    protect,
    protect_breakdown,
    reason_label,
)
from kooperacja.indicators.services.published import PUBLICATION, current_version
from kooperacja.territory.answers import one_at_a_time

# The classification under which the breakdowns are kept among the published values (one
# row per indicator, period and audience, every unit of every level in its body).
STORED_AS = "sex-age"

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
    scope: Scope = (),
) -> Breakdown:
    """The numerator of ``indicator`` in ``period`` by sex × age band, and its margins by
    sex and by band, for the current units (of one ``level``, or these ``unit_codes``; of
    the territories of ``scope``), after disclosure control for ``audience`` over every
    level at once. Computed now (about two seconds of audit): readers ask
    :func:`stored_breakdown`."""
    k, cells = _compute(indicator, period, audience, scope)
    return _select(indicator.code, period, audience, k, cells, level, unit_codes)


def stored_breakdown(
    indicator: Indicator,
    period: str,
    audience: Audience = "public",
    *,
    level: str | None = None,
    unit_codes: list[str] | None = None,
    scope: Scope = (),
) -> Breakdown | None:
    """:func:`indicator_breakdown` as stored at the current version of the inputs,
    computed (for every unit at once) when missing or stale; None when the period has no
    counts. An unsaved indicator (a report's) is computed and not stored."""
    if indicator.pk is None:
        try:
            return indicator_breakdown(indicator, period, audience, level=level,
                                       unit_codes=unit_codes, scope=scope)
        except UserError:
            return None
    key = {"indicator": indicator, "period": period, "audience": audience,
           "classification": STORED_AS, "language": "", "level": "", "scope": scope_key(scope)}
    found = _stored(key)
    if found is None:
        with one_at_a_time(("breakdown", indicator.pk, period, audience, key["scope"])):
            found = _stored(key)  # another thread may have stored it meanwhile
            if found is None:
                version = current_version()  # read before computing: see answers.py
                try:
                    k, cells = _compute(indicator, period, audience, scope)
                except UserError:
                    return None
                _store(key, version, k, cells)
                return _select(indicator.code, period, audience, k, cells, level, unit_codes)
    k, cells = _decode(found)
    return _select(indicator.code, period, audience, k, cells, level, unit_codes)


def _stored(key: dict[str, object]) -> str | None:
    found = (PublishedValues.objects.filter(**key, inputs_version=PUBLICATION.now())
             .values_list("body", flat=True).first())
    return found


def _store(key: dict[str, object], version: int, k: int,
           cells: dict[tuple[str, str], list[BreakdownCell]]) -> None:
    body = json.dumps({"k": k, "units": [
        [level, code, [[c.sex, c.age_band, c.persons, c.reason] for c in unit_cells]]
        for (level, code), unit_cells in cells.items()]}, separators=(",", ":"))
    try:
        with transaction.atomic():
            PublishedValues.objects.filter(**key).delete()
            PublishedValues.objects.create(
                **key, inputs_version=version, body=body,
                etag=hashlib.sha256(body.encode()).hexdigest()[:32], computed_at=timezone.now())
    except IntegrityError:
        pass  # another process stored the same cells meanwhile


def _decode(body: str) -> tuple[int, dict[tuple[str, str], list[BreakdownCell]]]:
    data = json.loads(body)
    k = int(data["k"])
    return k, {
        (level, code): [BreakdownCell(sex, band, persons, reason,
                                      reason_label(reason or None, k))
                        for sex, band, persons, reason in unit_cells]
        for level, code, unit_cells in data["units"]
    }


def _select(indicator: str, period: str, audience: Audience, k: int,
            cells: dict[tuple[str, str], list[BreakdownCell]], level: str | None,
            unit_codes: list[str] | None) -> Breakdown:
    out = {code: unit_cells for (lv, code), unit_cells in cells.items()
           if (level is None or lv == level) and (unit_codes is None or code in unit_codes)}
    return Breakdown(indicator, period, audience, k, out)


def _compute(
    indicator: Indicator, period: str, audience: Audience, scope: Scope
) -> tuple[int, dict[tuple[str, str], list[BreakdownCell]]]:
    """The threshold and the cells of every current unit (of ``scope``), by (level, code)."""
    units = current_units(scope)
    raw = raw_counts(indicator, period, Provenance(), units, audience=audience)
    zeros = indicator.protect_zeros
    guard = protect_breakdown(raw, protect(raw, audience, protect_zeros=zeros), protect_zeros=zeros)
    k = guard.table.k
    present = {g for cells in (raw.groups or {}).values() for g in cells}
    out: dict[tuple[str, str], list[BreakdownCell]] = {}
    if not present or present == {(None, None)}:
        return k, out
    sexes = [s for s in _SEX_ORDER if s == ALL or any(s == x for x, _ in present)]
    bands = [b for b in _BAND_ORDER if b == ALL or any(b == y for _, y in present)]
    for unit in units:
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
        out[(unit.level, unit.code)] = cells
    return k, out


@dataclass(frozen=True)
class Grid:
    """One unit's cells as a table: a row per sex (``ALL`` last, the margin by band), a
    column per band (``ALL`` last, the margin by sex); a cell None where no one of that
    sex and band is counted anywhere."""

    sexes: list[str | None]
    bands: list[str | None]
    cells: dict[tuple[str | None, str | None], BreakdownCell]

    def cell(self, sex: str | None, band: str | None) -> BreakdownCell | None:
        return self.cells.get((sex, band))


def grid(cells: list[BreakdownCell]) -> Grid:
    """The table of one unit's ``cells`` (one entry of :attr:`Breakdown.units`)."""
    by_key = {(c.sex, c.age_band): c for c in cells}
    sexes = [s for s in _SEX_ORDER if any(c.sex == s for c in cells)]
    bands = [b for b in _BAND_ORDER if any(c.age_band == b for c in cells)]
    return Grid(sexes, bands, by_key)


def sex_label(sex: str | None) -> str:
    """A row's name in the reader's language."""
    from django.utils.translation import gettext as _

    return {"K": _("Women"), "M": _("Men"), None: _("sex not known"),
            ALL: _("Together")}.get(sex, str(sex))


def caption(name: str, period: str, k: int) -> str:
    """The title of a unit's table of ``name`` by sex and age band, in the reader's language."""
    from django.utils.translation import gettext as _

    return _("%(name)s: persons by sex and age band, %(period)s (counts below %(k)s and the "
             "cells that would reveal them are hidden)") % {"name": name, "period": period,
                                                           "k": k}


def band_label(band: str | None) -> str:
    """A column's name in the reader's language."""
    from django.utils.translation import gettext as _

    if band is None:
        return _("age not known")
    return _("Together") if band == ALL else band


BY = ("sex", "age_band")


def breakdown_rows(found: Breakdown, by: tuple[str, ...]) -> list[dict[str, object]]:
    """The cells of ``found`` as export rows (unit_code, the columns of ``by``, persons,
    hidden, reason, label): split by ``sex`` alone the margins by sex (every band), by
    ``age_band`` alone those by band, by both the cells of sex × band. A sex or band not
    known is ""; a hidden cell has persons None and its reason and label."""
    unknown = set(by) - set(BY)
    if unknown or not by:
        raise ValueError(f"breakdowns are by {BY}, not {sorted(unknown)}")
    rows: list[dict[str, object]] = []
    for code, cells in found.units.items():
        for cell in cells:
            if "sex" in by and cell.sex == ALL or "age_band" in by and cell.age_band == ALL:
                continue
            if "sex" not in by and cell.sex != ALL or "age_band" not in by and cell.age_band != ALL:
                continue
            split = {"sex": cell.sex or "", "age_band": cell.age_band or ""}
            rows.append({"unit_code": code, **{b: split[b] for b in by},
                         "persons": cell.persons, "hidden": cell.hidden,
                         "reason": cell.reason or None, "label": cell.label})
    return rows
