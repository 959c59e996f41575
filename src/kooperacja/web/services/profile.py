"""A unit's profile: what the page per unit (``/obszar/<level>/<code>/``) shows, and what a
report may reuse.

Every indicator figure comes from the stored published values (the API's bodies, after
disclosure control for the audience: indicators/services/published.py), never from a
computation of its own; whatever a level's units share (the published bodies, hot spots,
the "high need, low access" layer, neighbours) is kept per version of the public answers'
inputs (territory/answers.py), so a unit's profile costs dictionary look-ups once its
level has been built.

The profile is the same for everyone of one audience and scope (an analyst's figures are
computed over the analyst's own territories: indicators/services/audiences.py,
``analyst_scope``): ranks are taken among the units of the unit's own territory (a
territory itself, such as a region's gmina, among its level's units for the public only),
so an analyst's profile never orders a unit against another territory's units at the
analyst threshold.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from typing import Any

import numpy as np
import shapely
from django.utils.translation import get_language

from kooperacja.core.accessibility import gap_score, spread_residents, unit_access
from kooperacja.core.errors import UserError
from kooperacja.core.metric import project
from kooperacja.indicators.models import Indicator
from kooperacja.indicators.services.audiences import indicators_for
from kooperacja.indicators.services.breakdown import (
    band_label,
    caption,
    grid,
    sex_label,
    stored_breakdown,
)
from kooperacja.indicators.services.inputs import Scope, default_period, periods, same_kind
from kooperacja.indicators.services.protection import ALL, Audience
from kooperacja.indicators.services.published import level_answer, published_values
from kooperacja.indicators.services.spatial import hotspots
from kooperacja.resources.models import Resource
from kooperacja.resources.services.accessibility import (
    DEFAULT_DISTANCE_M,
    load_register,
    load_resources,
    residents_per_unit,
)
from kooperacja.territory import answers
from kooperacja.territory.models import Population, Unit
from kooperacja.territory.services.metric import metric_crs

# Public resources up to this far outside a unit's boundary are "near" it.
NEAR_M = 1000.0
NEAR_LIMIT = 10
CLASSIFICATION = "quantiles"


def unit_profile(level: str, code: str, audience: Audience, language: str,
                 scope: Scope = ()) -> dict[str, Any] | None:
    """Everything the page of unit ``code`` of ``level`` shows to ``audience`` (its
    figures computed over the territories of ``scope``), as plain data (JSON-able): None
    when there is no such current unit."""
    unit = (Unit.objects.current().filter(level__code=level, code=code)
            .select_related("level", "parent", "parent__level", "territory", "territory__level")
            .first())
    if unit is None:
        return None
    version = answers.current()
    root = unit.territory or unit
    parent = unit.parent
    # Ranked among the units of its territory; a territory itself (a region's gmina) among
    # its level's units for the public, against none at the analysts' threshold.
    peers = Unit.objects.current().filter(level__code=level)
    if root.pk != unit.pk:
        peers = peers.filter(territory=root)
    elif audience != "public":
        peers = peers.filter(pk=unit.pk)
    own = set(peers.values_list("code", flat=True)) or {unit.code}
    return {
        "unit": _describe(unit),
        "parent": _describe(parent) if parent is not None else None,
        "territory": _describe(root) if root.pk != unit.pk else None,
        "audience": audience,
        "population": population_pyramid(unit),
        "indicators": [
            found for indicator in indicators_for(audience)
            if (found := _indicator(indicator, unit, parent, root, own, audience, language,
                                    version, scope))
        ],
        "resources": resources_in_and_near(unit, version),
        "neighbours": neighbours(unit, version),
        "children": [
            {"code": c, "name": n, "level": lv, "level_name": ln}
            for c, n, lv, ln in Unit.objects.current().filter(parent=unit)
            .values_list("code", "name", "level__code", "level__name")
        ],
    }


def _describe(unit: Unit) -> dict[str, str]:
    return {"code": unit.code, "name": unit.name, "level": unit.level.code,
            "level_name": unit.level.name}


# ---- indicators ------------------------------------------------------------------------

def published_body(indicator: Indicator, level: str, period: str, audience: Audience,
                   language: str, version: answers.Version | None = None, scope: Scope = ()
                   ) -> dict[str, Any] | None:
    """The stored published values of one level and period (computed over the territories
    of ``scope``) as the API serves them (parsed once per version of the inputs); None when
    the level has no values."""
    from kooperacja.indicators.api import _render  # the API's body, shared with the map

    def build() -> dict[str, Any] | None:
        try:
            stored = published_values(indicator, level, period, audience, CLASSIFICATION,
                                      _render, scope)
        except UserError:
            return None
        body: dict[str, Any] = json.loads(stored.body)
        body["by_code"] = {row["unit_code"]: row for row in body["values"]}
        return body

    key = ("profile-body", indicator.pk, indicator.updated_at, level, period, audience,
           language, scope)
    return answers.stored(key, build, version)


def indicator_periods(indicator: Indicator, audience: Audience,
                      version: answers.Version | None = None, scope: Scope = ()) -> list[str]:
    """The indicator's periods with data that ``audience`` sees in ``scope``
    (inputs.periods), once per version."""
    return answers.stored(
        ("profile-periods", indicator.pk, indicator.updated_at, audience, scope),
        lambda: periods(indicator, audience, scope), version)


def _row(body: dict[str, Any] | None, code: str) -> dict[str, Any] | None:
    return None if body is None else body["by_code"].get(code)


def _indicator(indicator: Indicator, unit: Unit, parent: Unit | None, root: Unit,
               own: set[str], audience: Audience, language: str, version: answers.Version,
               scope: Scope) -> dict[str, Any] | None:
    available = indicator_periods(indicator, audience, version, scope)
    period = default_period(available)
    if period is None:
        return None
    level = unit.level.code
    body = published_body(indicator, level, period, audience, language, version, scope)
    row = _row(body, unit.code)
    if body is None or row is None:
        return None
    legend = body["legend"]
    klass = row.get("klass", -1)
    shown = sorted((r["value"] for c, r in body["by_code"].items()
                    if c in own and r["value"] is not None), reverse=True)
    rank = shown.index(row["value"]) + 1 if row["value"] is not None else None
    trend = []
    for each in same_kind(available, period):
        here = _row(published_body(indicator, level, each, audience, language, version, scope),
                    unit.code)
        whole = _row(published_body(indicator, root.level.code, each, audience, language,
                                    version, scope), root.code)
        trend.append({"period": each, "value": here["value"] if here else None,
                      "label": here["label"] if here else "",
                      "territory": whole["value"] if whole else None})
    parent_row = (None if parent is None else _row(published_body(
        indicator, parent.level.code, period, audience, language, version, scope), parent.code))
    root_row = (None if root.pk == unit.pk else _row(published_body(
        indicator, root.level.code, period, audience, language, version, scope), root.code))
    metadata = body.get("metadata", {})
    return {
        "id": indicator.code,
        "name": indicator.name(language),
        "description": indicator.description_en if language == "en" else indicator.description_pl,
        "per": indicator.per,
        "public": indicator.public,
        "period": period,
        "previous_period": body.get("previous_period"),
        "k": body.get("k"),
        "row": row,
        "class": None if klass is None or klass < 0 or klass >= len(legend) else {
            "index": klass + 1, "of": len(legend), **legend[klass]},
        "rank": rank,
        "of": len(shown),
        "trend": trend,
        "parent": _compare(parent_row),
        "territory": _compare(root_row),
        "hotspot": hotspot_of(indicator, level, period, audience, unit.code, version, scope),
        "gap": gap_of(indicator, level, period, unit.code, version) if indicator.public else None,
        "sources": sources(metadata),
        "breakdown": breakdown_of(indicator, level, period, audience, unit.code, row, version,
                                  scope),
    }


def breakdown_of(indicator: Indicator, level: str, period: str, audience: Audience, code: str,
                 row: dict[str, Any], version: answers.Version | None = None,
                 scope: Scope = ()) -> dict[str, Any] | None:
    """The unit's persons by sex (rows) and age band (columns) as stored after disclosure
    control (indicators/services/breakdown.py), the margins last and the unit's published
    total in the corner; a hidden cell carries its label. None for an indicator whose
    counts carry no sex or age."""
    found = answers.stored(
        ("profile-breakdown", indicator.pk, indicator.updated_at, level, period, audience,
         get_language(), scope),
        lambda: stored_breakdown(indicator, period, audience, level=level, scope=scope), version)
    cells = None if found is None else found.units.get(code)
    if not cells:
        return None
    table = grid(cells)

    def shown(sex: str | None, band: str | None) -> dict[str, Any]:
        mark = {"sex": "" if sex is None else sex, "band": "" if band is None else band}
        if sex == ALL and band == ALL:
            hidden = row.get("numerator") is None
            return mark | {"hidden": hidden, "persons": row.get("numerator"),
                           "text": (row.get("label") or "–") if hidden else row["numerator"]}
        cell = table.cell(sex, band)
        if cell is None:
            return mark | {"hidden": False, "persons": None, "text": "–"}
        return mark | {"hidden": cell.hidden, "persons": cell.persons,
                       "text": (cell.label or "–") if cell.hidden else cell.persons}

    assert found is not None  # cells were found
    return {
        "k": found.k,
        "caption": caption(indicator.name(get_language() or "pl"), period, found.k),
        "columns": [band_label(b) for b in table.bands],
        "band_codes": table.bands,
        "rows": [{"label": sex_label(s), "margin": s == ALL,
                  "cells": [shown(s, b) for b in table.bands]}
                 for s in table.sexes],
    }


def _compare(row: dict[str, Any] | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {"code": row["unit_code"], "name": row["unit_name"], "value": row["value"],
            "lower": row["lower"], "upper": row["upper"], "hidden": row["hidden"],
            "label": row["label"]}


def sources(metadata: dict[str, Any]) -> dict[str, Any]:
    """Where a published output's numbers come from and when: institutions and the dates
    of their imports, the population's years, the time it was computed."""
    inputs = metadata.get("inputs", {})
    imported = [s for s in inputs.get("submissions", []) + inputs.get("aggregate_imports", [])]
    return {
        "institutions": sorted({str(s["institution"]) for s in imported if s.get("institution")}),
        "imported": max((str(s["imported"])[:10] for s in imported if s.get("imported")),
                        default=None),
        "population_years": sorted({y for y in inputs.get("population_years", {}).values()
                                    if y is not None}),
        "computed": str(metadata.get("created", ""))[:10] or None,
    }


def hotspot_of(indicator: Indicator, level: str, period: str, audience: Audience,
               code: str, version: answers.Version | None = None, scope: Scope = ()
               ) -> str | None:
    """The unit's Local Moran's I cluster (HH, LL, HL, LH), "" when it is in none, None
    when the level has no hot spots (too few published units)."""

    def build() -> dict[str, str] | None:
        try:
            result = hotspots(indicator, level, period, "lisa", smoothed=True, audience=audience,
                              scope=scope)
        except UserError:
            return None
        return {str(r["unit_code"]): str(r["cluster"]) for r in result.rows}

    found = answers.stored(("profile-hotspots", indicator.pk, level, period, audience, scope),
                           lambda: level_answer("hotspots", indicator, level, period, audience,
                                                build, scope=scope), version)
    if found is None:
        return None
    cluster = found.get(code, "")
    return cluster if cluster in ("HH", "LL", "HL", "LH") else ""


def gap_of(indicator: Indicator, level: str, period: str, code: str,
           version: answers.Version | None = None) -> dict[str, Any] | None:
    """The unit's "high need, low access" score against every kind of public resource,
    as resources/services/gaps.py defines it, with the need read from the stored public
    values: a unit whose rate is hidden has no gap and no flag. None when the layer cannot
    be made (no address points, no resources)."""

    def build() -> dict[str, dict[str, Any]] | None:
        access = answers.stored(("profile-access", level), lambda: _access(level), version)
        body = published_body(indicator, level, period, "public", get_language() or "pl",
                              version)
        if access is None or body is None:
            return None
        codes, reach = access
        need = np.array([np.nan if (row := body["by_code"].get(c)) is None or row["value"] is None
                         else float(row["value"]) for c in codes], dtype=float)
        try:
            gap = gap_score(need, reach)
        except ValueError:
            return None
        found: dict[str, dict[str, Any]] = {}
        for i, each in enumerate(codes):
            shown = bool(np.isfinite(need[i]))
            found[each] = {
                "gap": float(gap.score[i]) if shown and np.isfinite(gap.score[i]) else None,
                "access_2sfca": float(reach[i]) if np.isfinite(reach[i]) else None,
                "high_need_low_access": bool(gap.high_need_low_access[i]) and shown,
            }
        return found

    found = answers.stored(("profile-gaps", indicator.pk, level, period),
                           lambda: level_answer("gaps", indicator, level, period, "public", build,
                                                answers.PUBLIC), version)
    return None if found is None else found.get(code)


def _access(level: str) -> tuple[list[str], np.ndarray] | None:
    """2SFCA access of the residents of each unit of ``level`` to every public resource
    within the default distance (resources/services/gaps.py's), once per version."""
    try:
        register = load_register(level)
        _resources, supply, capacity = load_resources("", public_only=True)
        residents_of_unit = residents_per_unit(register)
        residents = spread_residents(register.unit_of_point, residents_of_unit)
        access = unit_access(register.xy, register.unit_of_point, residents,
                             len(register.units), supply, capacity, DEFAULT_DISTANCE_M)
    except (UserError, ValueError):
        return None
    return [u.code for u in register.units], np.asarray(access.access_2sfca, dtype=float)


# ---- population --------------------------------------------------------------------------

def _band_start(band: str) -> int:
    digits = re.match(r"\d+", band)
    return int(digits.group()) if digits else 999


def population_pyramid(unit: Unit) -> dict[str, Any] | None:
    """Residents by sex and age band in the latest year with such figures: the unit's own,
    else the sum of its descendants' at the coarsest level that has them. None without any."""
    figures = Population.objects.filter(unit=unit).exclude(sex="").exclude(age_band="")
    source = "given"
    if not figures.exists():
        figures = Population.objects.none()
        descendants = [unit.pk]
        for _depth in range(6):
            descendants = list(Unit.objects.current().filter(parent_id__in=descendants)
                               .values_list("pk", flat=True))
            if not descendants:
                break
            found = (Population.objects.filter(unit_id__in=descendants)
                     .exclude(sex="").exclude(age_band=""))
            if found.exists():
                figures, source = found, "summed"
                break
    rows = list(figures.values_list("year", "sex", "age_band", "count", "estimated"))
    if not rows:
        return None
    year = max(r[0] for r in rows)
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"K": 0, "M": 0})
    estimated = False
    for y, sex, band, count, is_estimate in rows:
        if y == year and sex in ("K", "M"):
            counts[band][sex] += count
            estimated = estimated or is_estimate
    bands = sorted(counts, key=lambda b: (_band_start(b), b))
    total = sum(c["K"] + c["M"] for c in counts.values())
    return {
        "year": year, "source": source, "estimated": estimated, "total": total,
        "bands": [{"band": b, "women": counts[b]["K"], "men": counts[b]["M"],
                   "women_share": counts[b]["K"] / total if total else 0.0,
                   "men_share": counts[b]["M"] / total if total else 0.0}
                  for b in reversed(bands)],  # the oldest on top, as a pyramid
    }


# ---- resources and neighbours ------------------------------------------------------------

def resources_in_and_near(unit: Unit, version: answers.Version | None = None
                          ) -> dict[str, list[dict[str, Any]]]:
    """Public resources in the unit (by their located units) and the nearest ones within
    :data:`NEAR_M` metres outside it."""
    listed = answers.stored(("profile-resources", get_language()), _public_resources, version)
    inside = [r for r in listed["rows"] if r["units"].get(unit.level.code) == unit.code]
    inside_ids = {r["id"] for r in inside}
    near: list[dict[str, Any]] = []
    shape = shapely.from_geojson(unit.geometry)
    points = listed["points"]
    if len(points) and not shape.is_empty:
        area = project([shape], listed["crs"])[0]
        distance = shapely.distance(area, points)
        for i in np.argsort(distance, kind="stable"):
            if distance[i] > NEAR_M or len(near) == NEAR_LIMIT:
                break
            row = listed["located"][i]
            if row["id"] not in inside_ids:
                near.append(_resource(row) | {"distance_m": round(float(distance[i]), -1)})
    return {"inside": [_resource(r) for r in inside], "near": near}


def _public_resources() -> dict[str, Any]:
    """Every public resource (once per version), the located ones as points in metres."""
    english = (get_language() or "pl").startswith("en")
    rows: list[dict[str, Any]] = [
        {"id": pk, "name": name, "kind": label_en if english else label_pl, "address": address,
         "locality": locality, "units": units if isinstance(units, dict) else {}, "lon": lon,
         "lat": lat}
        for pk, name, label_pl, label_en, address, locality, units, lon, lat
        in Resource.objects.public().order_by("name", "pk").values_list(
            "pk", "name", "kind__label_pl", "kind__label_en", "address", "locality", "units",
            "lon", "lat")
    ]
    located = [r for r in rows if r["lon"] is not None and r["lat"] is not None]
    crs = metric_crs() if located else ""
    points = (project([shapely.Point(r["lon"], r["lat"]) for r in located], crs) if located
              else np.array([], dtype=object))
    return {"rows": rows, "located": located, "points": points, "crs": crs}


def _resource(row: dict[str, Any]) -> dict[str, Any]:
    return {k: row[k] for k in ("id", "name", "kind", "address", "locality")}


def neighbours(unit: Unit, version: answers.Version | None = None) -> list[dict[str, str]]:
    """Units of the same level whose boundaries touch the unit's."""

    def build() -> dict[str, list[tuple[str, str]]]:
        found = list(Unit.objects.current().filter(level=unit.level)
                     .values_list("code", "name", "geometry"))
        shapes = shapely.from_geojson([g for _, _, g in found])
        valid = shapely.make_valid(shapes)
        tree = shapely.STRtree(valid)
        out: dict[str, list[tuple[str, str]]] = {}
        for i, (code, _, _) in enumerate(found):
            if shapely.is_empty(valid[i]):
                out[code] = []
                continue
            hits = tree.query(valid[i], predicate="intersects")
            out[code] = sorted(((found[j][0], found[j][1]) for j in hits if j != i),
                               key=lambda pair: pair[1])
        return out

    table = answers.stored(("profile-neighbours", unit.level.code), build, version)
    return [{"code": c, "name": n} for c, n in table.get(unit.code, [])]
