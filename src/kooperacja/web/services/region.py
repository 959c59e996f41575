"""The public map across territories: the installation's territories, a territory's units,
and the regional view (a level's units of one region ranked by a public indicator, the
region's and the installation's averages, "similar gminas").

Every figure comes from the stored published values after disclosure control for the
public (indicators/services/published.py, read through web/services/profile.py
``published_body``): a hidden value is never ranked, never drawn in a colour and never
enters an average; the averages are computed from the published values only. What a
region's answer shows is kept once per version of the public answers' inputs
(territory/answers.py ``stored``).

A territory (the shared design of issue 20) is a unit that is its own ``Unit.territory``;
``?t=`` names one by its TERYT code (its unit code when it has none) and takes in every
unit whose territory's TERYT starts with it: a powiat's code takes in its gminas.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import shapely
from django.utils.translation import gettext as _

from kooperacja.indicators.models import Indicator
from kooperacja.indicators.services.inputs import default_period
from kooperacja.territory import answers
from kooperacja.territory.models import Level, Unit
from kooperacja.territory.services.population import population_totals
from kooperacja.territory.services.regions import gmina_types
from kooperacja.territory.services.selection import (
    NoSuchTerritory,
    codes_in,
    in_territory,
    territories,
    territory,
)
from kooperacja.web.services.profile import indicator_periods, published_body

# The map's colour ramp (web/static/web/map.js COLOURS), the grey of "no data".
COLOURS = ("#fef0d9", "#fdcc8a", "#fc8d59", "#e34a33", "#b30000")
NO_DATA = "#d9d9d9"
SIMILAR = 5
# The views and the API take the territory's look-ups from here.
__all__ = ["NoSuchTerritory", "territories", "territory"]
GMINA_TYPES = ("urban", "rural", "urban-rural")


def territory_codes(t: str | None, level: str,
                    version: answers.Version | None = None) -> set[str] | None:
    """Codes of the current units of ``level`` in territory ``t`` (every unit: None)."""
    return codes_in(t, level, version)


def levels_in(t: str | None, version: answers.Version | None = None) -> list[dict[str, Any]]:
    """The levels with current units in territory ``t`` (everywhere without it), coarsest
    first: ``{"code", "name", "units"}``."""

    def build() -> list[dict[str, Any]]:
        found = []
        for level in Level.objects.all():
            units = Unit.objects.current().filter(level=level)
            if t:
                units = units.filter(in_territory(t))
            if count := units.count():
                found.append({"code": level.code, "name": level.name, "units": count})
        return found

    territory(t, version)  # refuses an unknown one
    return answers.stored(("region-levels", t or ""), build, version)


# ---- gminas' type and population ---------------------------------------------------------

def type_name(kind: str | None) -> str:
    return {"urban": _("urban"), "rural": _("rural"),
            "urban-rural": _("urban-rural")}.get(kind or "", "–")


def _gminas(level: str, version: answers.Version | None) -> dict[str, dict[str, Any]]:
    """The units of ``level`` that carry a gmina's TERYT code: code → name, type, TERYT
    and latest population (year)."""

    def build() -> dict[str, dict[str, Any]]:
        rows = list(Unit.objects.current().filter(level__code=level)
                    .values_list("pk", "code", "name", "teryt"))
        totals = population_totals([row[0] for row in rows])
        types = gmina_types(teryt or code for _pk, code, _name, teryt in rows)
        found: dict[str, dict[str, Any]] = {}
        for pk, code, name, teryt in rows:
            kind = types.get(teryt or code)
            if kind is None:
                continue
            year, people = totals.get(pk, (None, None))
            found[code] = {"code": code, "name": name, "type": kind, "population": people,
                           "year": year}
        return found

    return answers.stored(("region-gminas", level), build, version)


def similar_gminas(level: str, code: str, limit: int = SIMILAR,
                   version: answers.Version | None = None) -> list[dict[str, Any]]:
    """The gminas of the installation of the same type as gmina ``code`` whose population
    (latest year) is closest to its own, nearest first (``limit`` of them); empty for a
    unit that is no gmina or has no population."""
    gminas = _gminas(level, version)
    own = gminas.get(code)
    if own is None or own["population"] is None:
        return []
    others = [g for c, g in gminas.items()
              if c != code and g["type"] == own["type"] and g["population"] is not None]
    others.sort(key=lambda g: (abs(g["population"] - own["population"]), g["code"]))
    return others[:limit]


def is_gmina(level: str, code: str, version: answers.Version | None = None) -> bool:
    return code in _gminas(level, version)


# ---- ranking and averages ----------------------------------------------------------------

def ranking(rows: Iterable[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Published rows ordered by value, highest first, with a rank (ties share one: 1, 2,
    2, 4); and the hidden rows apart, unranked, by name."""
    rows = list(rows)
    shown = sorted((r for r in rows if r["value"] is not None),
                   key=lambda r: (-r["value"], r["unit_name"], r["unit_code"]))
    hidden = sorted((r for r in rows if r["value"] is None),
                    key=lambda r: (r["unit_name"], r["unit_code"]))
    ranked: list[dict[str, Any]] = []
    for i, row in enumerate(shown):
        rank = ranked[-1]["rank"] if ranked and ranked[-1]["value"] == row["value"] else i + 1
        ranked.append(row | {"rank": rank})
    return ranked, [r | {"rank": None} for r in hidden]


def average(rows: list[dict[str, Any]], scope: str) -> dict[str, Any]:
    """The population-weighted average of the published rates of ``rows`` (each rate
    weighted by its denominator, the residents; a rate without one counts once): the rate
    of the published units taken together. Hidden rows are left out and counted apart."""
    shown = [r for r in rows if r["value"] is not None]
    weights = [r["denominator"] if r.get("denominator") else 1.0 for r in shown]
    total = sum(weights)
    value = (sum(r["value"] * w for r, w in zip(shown, weights)) / total) if total else None
    return {"value": None if value is None else round(value, 4), "units": len(shown),
            "of": len(rows), "scope": scope}


def public_indicator(code: str) -> Indicator | None:
    return Indicator.objects.filter(code=code, public=True).first()


def region_answer(t: str | None, level: str | None, indicator: Indicator, period: str | None,
                  language: str, unit: str | None = None,
                  version: answers.Version | None = None) -> dict[str, Any]:
    """The regional view of ``indicator`` in ``period`` (its latest one by default) for the
    units of ``level`` (the coarsest with more than one unit in the region by default) in
    territory ``t`` (everywhere without it), for the public. Raises :class:`NoSuchTerritory`
    and :class:`LookupError` (no such level or period)."""
    version = version or answers.current()
    region = territory(t, version)
    levels = levels_in(t, version)
    compared = [lv for lv in levels if lv["units"] > 1 and (region is None
                                                            or lv["code"] != region["level"])]
    if level is None:
        chosen = compared[0] if compared else (levels[0] if levels else None)
    else:
        chosen = next((lv for lv in levels if lv["code"] == level), None)
    if chosen is None:
        raise LookupError("level")
    available = indicator_periods(indicator, "public", version)
    period = period or default_period(available)
    if period is None or period not in available:
        raise LookupError("period")
    key = ("region", t or "", chosen["code"], indicator.pk, indicator.updated_at, period,
           language, unit or "")
    return answers.stored(key, lambda: _answer(region, levels, compared, chosen["code"],
                                               indicator, period, language, unit, version),
                          version)


def _answer(region: dict[str, str] | None, levels: list[dict[str, Any]],
            compared: list[dict[str, Any]], level: str, indicator: Indicator, period: str,
            language: str, unit: str | None, version: answers.Version) -> dict[str, Any]:
    body = published_body(indicator, level, period, "public", language, version)
    every = [] if body is None else body["values"]
    codes = territory_codes(region["t"], level, version) if region else None
    rows = every if codes is None else [r for r in every if r["unit_code"] in codes]
    gminas = _gminas(level, version)
    legend = [] if body is None else body["legend"]
    ranked, hidden = ranking(_unit_row(r, legend, gminas) for r in rows)
    region_figure = None
    if region is not None:
        own = published_body(indicator, region["level"], period, "public", language, version)
        found = None if own is None else own["by_code"].get(region["code"])
        if found is not None:
            region_figure = {"value": found["value"], "lower": found["lower"],
                             "upper": found["upper"], "hidden": found["hidden"],
                             "label": found["label"]}
    # The gminas' level (the compared one, or the coarsest holding gminas), for "similar".
    gmina_level = level if gminas else next(
        (lv["code"] for lv in levels if _gminas(lv["code"], version)), None)
    listed = _gminas(gmina_level, version) if gmina_level else {}
    in_region = codes_in(region["t"], gmina_level, version) if region and gmina_level else None
    similar = []
    if unit and gmina_level and unit in listed:
        own_body = (body if gmina_level == level else
                    published_body(indicator, gmina_level, period, "public", language, version))
        by_code = {} if own_body is None else own_body["by_code"]
        for each in similar_gminas(gmina_level, unit, version=version):
            row = by_code.get(each["code"])
            similar.append(each | {"type_name": type_name(each["type"]),
                                   "value": row["value"] if row else None,
                                   "label": row["label"] if row else "",
                                   "hidden": bool(row["hidden"]) if row else False})
    return {
        "territory": region,
        "level": level,
        "level_name": next((lv["name"] for lv in levels if lv["code"] == level), level),
        "levels": compared or levels,
        "indicator": {"id": indicator.code, "name": indicator.name(language),
                      "per": indicator.per},
        "period": period,
        "k": None if body is None else body["k"],
        "legend": legend,
        "units": ranked + hidden,
        "hidden": len(hidden),
        "region_average": average(rows, "region"),
        "country_average": average(every, "installation"),
        "region_figure": region_figure,
        "gmina_level": gmina_level,
        "gminas": sorted(({"code": c, "name": g["name"]} for c, g in listed.items()
                          if in_region is None or c in in_region), key=lambda g: g["name"]),
        "unit": unit if unit in listed else None,
        "similar": similar,
    }


def _unit_row(row: dict[str, Any], legend: list[dict[str, Any]],
              gminas: dict[str, dict[str, Any]]) -> dict[str, Any]:
    klass = row.get("klass", -1)
    kind = gminas.get(row["unit_code"], {}).get("type")
    shown = row["value"] is not None and klass is not None and 0 <= klass < len(legend)
    return {"unit_code": row["unit_code"], "unit_name": row["unit_name"],
            "value": row["value"], "lower": row["lower"], "upper": row["upper"],
            "denominator": row.get("denominator"), "hidden": bool(row["hidden"]),
            "label": row["label"], "klass": klass if shown else -1,
            "class_number": klass + 1 if shown else None, "classes": len(legend),
            "type": kind, "type_name": type_name(kind) if kind else "",
            "population": gminas.get(row["unit_code"], {}).get("population")}


# ---- the map -----------------------------------------------------------------------------

def colour(klass: int, classes: int) -> str:
    """The map's colour of class ``klass`` of ``classes`` (web/static/web/map.js
    ``colourOfClass``)."""
    if klass < 0 or classes < 1:
        return NO_DATA
    step = (len(COLOURS) - 1) / (classes - 1) if classes > 1 else 0
    return COLOURS[round(klass * step)]


def _shapes(level: str) -> dict[str, tuple[str, tuple[float, float, float, float]]]:
    """Every current unit of ``level`` as an SVG path in a plane of the level (longitude
    scaled by the cosine of the mean latitude, y downwards, kilometres), simplified to a
    tenth of a per mille of the level's extent without breaking rings; with its bounds."""
    rows = list(Unit.objects.current().filter(level__code=level)
                .values_list("code", "geometry"))
    shapes = shapely.from_geojson([g for _, g in rows], on_invalid="ignore")
    valid = [s for s in shapes if s is not None and not s.is_empty]
    if not valid:
        return {}
    lat = (shapely.total_bounds(valid)[1] + shapely.total_bounds(valid)[3]) / 2
    scale_x = 111.32 * math.cos(math.radians(lat))

    def plane(coords: Any) -> Any:
        coords = coords.copy()
        coords[:, 0] *= scale_x
        coords[:, 1] *= -110.57
        return coords

    planar = [None if s is None or s.is_empty else shapely.transform(s, plane) for s in shapes]
    x0, y0, x1, y1 = shapely.total_bounds([p for p in planar if p is not None])
    # A thousandth of the extent: about half a kilometre for the whole country, finer than
    # a pixel of the drawing; coordinates to a tenth of that.
    tolerance = max(x1 - x0, y1 - y0, 0.01) / 1000
    decimals = max(0, min(3, 1 - math.floor(math.log10(tolerance))))
    found = {}
    for (code, _geometry), shape in zip(rows, planar):
        if shape is None:
            continue
        shape = shapely.simplify(shape, tolerance, preserve_topology=True)
        found[code] = (_path(shape, decimals), tuple(float(b) for b in shape.bounds))
    return found  # type: ignore[return-value]


def _path(shape: shapely.Geometry, decimals: int) -> str:
    parts = []
    polygons = getattr(shape, "geoms", [shape])
    for polygon in polygons:
        if not isinstance(polygon, shapely.Polygon):
            continue
        for ring in (polygon.exterior, *polygon.interiors):
            points = " ".join(f"{x:.{decimals}f},{y:.{decimals}f}" for x, y in ring.coords[:-1])
            parts.append(f"M{points}Z")
    return "".join(parts)


def region_map(answer: dict[str, Any], version: answers.Version | None = None
               ) -> dict[str, Any] | None:
    """The units of the answer drawn in their class's colour (hidden ones hatched), for an
    SVG: ``{"view_box", "stroke", "units": [{"code", "name", "path", "fill", "hidden",
    "text"}]}``; None when the level has no geometry."""
    shapes = answers.stored(("region-shapes", answer["level"]), lambda: _shapes(answer["level"]),
                            version)
    drawn = [(row, shapes[row["unit_code"]]) for row in answer["units"]
             if row["unit_code"] in shapes]
    if not drawn:
        return None
    x0 = min(b[0] for _, (_, b) in drawn)
    y0 = min(b[1] for _, (_, b) in drawn)
    x1 = max(b[2] for _, (_, b) in drawn)
    y1 = max(b[3] for _, (_, b) in drawn)
    size = max(x1 - x0, y1 - y0, 0.001)
    pad = size * 0.02
    return {
        "view_box": f"{x0 - pad:.2f} {y0 - pad:.2f} {x1 - x0 + 2 * pad:.2f} "
                    f"{y1 - y0 + 2 * pad:.2f}",
        "stroke": f"{size / 600:.3f}",
        "dash": f"{size / 150:.3f} {size / 300:.3f}",
        "units": [{"code": row["unit_code"], "name": row["unit_name"], "path": path,
                   "hidden": row["hidden"], "value": row["value"], "label": row["label"],
                   "fill": ("#ffffff" if row["value"] is None
                            else colour(row["klass"], row["classes"]))}
                  for row, (path, _bounds) in drawn],
        "legend": [{"lower": c["lower"], "upper": c["upper"], "count": c["count"],
                    "fill": colour(i, len(answer["legend"]))}
                   for i, c in enumerate(answer["legend"])],
    }
