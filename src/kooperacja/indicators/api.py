"""Indicator endpoints: definitions, values per unit after disclosure control, hot spots,
a unit's series.  Without login: public indicators at the public threshold only."""

from __future__ import annotations

import json
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language, gettext
from ninja import Router, Schema
from ninja.errors import HttpError

from kooperacja import policy
from kooperacja.api_errors import errors
from kooperacja.core.analysis import threshold
from kooperacja.core.errors import UserError
from kooperacja.indicators.models import Indicator
from kooperacja.indicators.services.audiences import (
    analyst_scope,
    audience_for,
    get_indicator,
    indicators_for,
    sees_unit,
    visible_units,
)
from kooperacja.indicators.services.breakdown import stored_breakdown
from kooperacja.indicators.services.compute import IndicatorResult
from kooperacja.indicators.services.inputs import Scope, default_period, periods
from kooperacja.indicators.services.protection import Audience
from kooperacja.indicators.services.published import published_values
from kooperacja.indicators.services.series import unit_series
from kooperacja.indicators.services.spatial import hotspots
from kooperacja.messages import user_message
from kooperacja.territory import answers
from kooperacja.territory.services.selection import NoSuchTerritory, codes_in

router = Router(tags=["indicators"])
Classes = Literal["quantiles", "fisher_jenks", "equal_interval"]


class IndicatorOut(Schema):
    id: str
    name: str
    description: str
    per: float
    unit: str
    public: bool
    periods: list[str]
    default_period: str | None


class ValueOut(Schema):
    unit_code: str
    unit_name: str
    numerator: int | None
    denominator: float | None
    value: float | None
    lower: float | None
    upper: float | None
    smoothed: float | None
    lq: float | None
    previous_value: float | None = None
    change: float | None = None
    change_p: float | None = None
    change_significant: bool | None = None
    hidden: bool
    reason: str | None
    label: str
    klass: int


class LegendClass(Schema):
    lower: float
    upper: float
    count: int


class ValuesOut(Schema):
    indicator: str
    period: str
    previous_period: str | None
    level: str
    audience: str
    k: int
    classification: str
    classification_exact: bool
    legend: list[LegendClass]
    hidden: int
    values: list[ValueOut]
    # How the level's population (the denominator) was estimated; null when given.
    population_estimate: str | None = None
    metadata: dict[str, Any]


class HotSpotOut(Schema):
    unit_code: str
    cluster: str
    p_value: float | None
    p_fdr: float | None
    neighbours: int


class BreakdownCellOut(Schema):
    unit_code: str
    # "K", "M", "" (not known) or "*" (every sex: a margin by band)
    sex: str
    # a band ("0-17", "65+", …), "" (not known) or "*" (every band: a margin by sex)
    age_band: str
    persons: int | None
    hidden: bool
    reason: str | None
    label: str


class BreakdownOut(Schema):
    indicator: str
    period: str
    level: str
    audience: str
    k: int
    cells: list[BreakdownCellOut]


class SeriesPoint(Schema):
    period: str
    value: float | None
    territory: float | None
    label: str


class SeriesOut(Schema):
    unit_code: str
    unit_name: str
    series: list[SeriesPoint]
    rank: int | None
    of: int
    values: list[float]


def _audience(request: HttpRequest, asked: str | None) -> Audience:
    audience = audience_for(request.user, asked)
    if audience is None:
        raise HttpError(403, gettext("the analyst view needs an analyst's login"))
    # The analysts' values of a territory (?t=) not theirs: 403, whether or not it exists.
    t = request.GET.get("t")
    if audience == "analyst" and t and not policy.allows(request.user, policy.Action.ANALYST_VIEW,
                                                         territory=t):
        raise HttpError(403, gettext("the analyst view needs an analyst's login"))
    return audience


# An analyst sees its own territories' units at the analyst threshold, no other.
ANALYSTS_ONLY = policy.public_unless("audience", "analyst", policy.Action.ANALYST_VIEW)


def _own(
    rows: list[dict[str, Any]], request: HttpRequest, who: Audience, level: str
) -> list[dict[str, Any]]:
    units = visible_units(request.user, who, level)
    return rows if units is None else [r for r in rows if r["unit_code"] in units]


def _indicator(code: str, audience: Audience) -> Indicator:
    try:
        return get_indicator(code, audience)
    except UserError as exc:
        raise HttpError(404, user_message(exc)) from None


def _describe(indicator: Indicator, audience: Audience, scope: Scope) -> dict[str, Any]:
    english = get_language() == "en"
    return {
        "id": indicator.code, "name": indicator.name("en" if english else "pl"),
        "description": indicator.description_en if english else indicator.description_pl,
        "per": indicator.per, "unit": indicator.counted, "public": indicator.public,
        "periods": (found := periods(indicator, audience, scope)),
        "default_period": default_period(found),
    }


@router.get("/indicators", response={200: list[IndicatorOut], **errors(403)},
            summary="Indicators you may see")
@ANALYSTS_ONLY
def list_indicators(request: HttpRequest, audience: str | None = None) -> list[dict[str, Any]]:
    chosen = _audience(request, audience)
    scope = analyst_scope(request.user, chosen)
    return [_describe(i, chosen, scope) for i in indicators_for(chosen)]


@router.get("/indicators/{code}/values",
            response={200: ValuesOut, 304: None, **errors(403, 404, 422)},
            summary="Values per unit of a level and period, after disclosure control")
@ANALYSTS_ONLY
def values(request: HttpRequest, code: str, level: str, period: str, audience: str | None = None,
           classes: Classes = "quantiles", t: str | None = None) -> HttpResponse:
    """Hidden values are null, with ``reason`` ("fewer than k", "secondary", …) and a
    ``label`` in the reader's language; ``klass`` is the legend class (-1: no value), the
    classes those of the whole level (at the analysts' threshold: of the analyst's own
    territories' units, over which every figure is then computed). With ``t`` (a
    territory's TERYT code) only the values of that territory's units. Computed once per
    change of the inputs; answers carry ETag (the inputs' version and the parameters) and
    Last-Modified, and a request with a matching If-None-Match gets 304."""
    who = _audience(request, audience)
    units = visible_units(request.user, who, level)  # an analyst's own territories' units
    version = answers.current()
    try:
        within = codes_in(t, level, version)
    except NoSuchTerritory:
        raise HttpError(404, gettext("There is no such territory in this installation.")
                        ) from None
    if within is not None:
        units = within if units is None else units & within
    scope = analyst_scope(request.user, who)
    key = ("values", code, level, period, who, classes, get_language(), scope,
           None if units is None else tuple(sorted(units)))
    try:
        return answers.answer(
            request, key, lambda: _values(code, level, period, who, classes, units, scope),
            version, private=who != "public")
    except UserError as exc:
        raise HttpError(404, user_message(exc)) from None


def _values(code: str, level: str, period: str, who: Audience, classes: str,
            units: set[str] | None, scope: Scope) -> answers.Body:
    """Every change to the published values' inputs moves the public answers' version on
    too (indicators/receivers.py), so the body is kept in memory beside the stored one; an
    analyst's answer is computed over its territories and cut to their units."""
    stored = published_values(_indicator(code, who), level, period, who, classes, _render,
                              scope)
    body = stored.body
    if units is not None:
        answer = json.loads(body)
        answer["values"] = [v for v in answer["values"] if v["unit_code"] in units]
        answer["hidden"] = sum(bool(v["hidden"]) for v in answer["values"])
        body = json.dumps(answer)
    return answers.body(body, "application/json")


def _render(result: IndicatorResult, level: str) -> str:
    """The JSON body of one level's values, through the schema the API documents."""
    rows = result.level(level)
    legend = []
    if rows.breaks is not None:
        lower = rows.breaks.minimum
        for upper, count in zip(rows.breaks.bins, rows.breaks.counts):
            legend.append({"lower": lower, "upper": float(upper), "count": int(count)})
            lower = float(upper)
    return ValuesOut.model_validate({
        "indicator": result.indicator.code, "period": result.period,
        "previous_period": result.previous, "level": level, "audience": result.audience,
        "k": result.k, "classification": result.metadata["parameters"]["classification"],
        "legend": legend, "classification_exact": rows.breaks is None or rows.breaks.exact,
        "hidden": sum(r["hidden"] for r in rows.rows),
        "values": [r | {"klass": r["class"]} for r in rows.rows],
        "population_estimate": _population_estimate(result.metadata, level),
        "metadata": result.metadata,
    }).model_dump_json()


def _population_estimate(metadata: dict[str, Any], level: str) -> str | None:
    for method in metadata.get("inputs", {}).get("population_methods", []):
        if method["level"] == level and method["estimate"]:
            return str(method["method"])
    return None


@router.get("/indicators/{code}/breakdown",
            response={200: BreakdownOut, **errors(403, 404, 422)},
            summary="The numerator per unit by sex and age band, after disclosure control")
@ANALYSTS_ONLY
def breakdown(request: HttpRequest, code: str, level: str, period: str,
              audience: str | None = None) -> dict[str, Any]:
    """Each unit's persons by sex × age band and the margins by sex (``age_band`` "*")
    and by band (``sex`` "*"), protected together with the map's values over every level:
    a hidden cell is null with its ``reason`` and ``label``. No cells for an indicator
    whose counts carry no sex or age."""
    who = _audience(request, audience)
    indicator = _indicator(code, who)
    scope = analyst_scope(request.user, who)
    if period not in periods(indicator, who, scope):
        raise HttpError(404, gettext("Indicator %(indicator)s has no data for period %(period)s.")
                        % {"indicator": code, "period": period})
    found = stored_breakdown(indicator, period, who, level=level, scope=scope)
    units = visible_units(request.user, who, level)
    cells = [] if found is None else [
        {"unit_code": unit, "sex": cell.sex or "", "age_band": cell.age_band or "",
         "persons": cell.persons, "hidden": cell.hidden, "reason": cell.reason or None,
         "label": cell.label}
        for unit, unit_cells in found.units.items() if units is None or unit in units
        for cell in unit_cells
    ]
    return {"indicator": indicator.code, "period": period, "level": level, "audience": who,
            "k": found.k if found is not None else threshold(who), "cells": cells}


@router.get("/indicators/{code}/hotspots",
            response={200: list[HotSpotOut], **errors(403, 404, 422)},
            summary="Local Moran's I clusters (lisa) or Getis-Ord Gi* hot spots (gi)")
@ANALYSTS_ONLY
def hot_spots(request: HttpRequest, code: str, level: str, period: str,
              method: Literal["lisa", "gi"] = "lisa",
              audience: str | None = None) -> list[dict[str, Any]]:
    who = _audience(request, audience)
    try:
        result = hotspots(_indicator(code, who), level, period, method, smoothed=True,
                          audience=who, scope=analyst_scope(request.user, who))
    except UserError as exc:
        raise HttpError(404, user_message(exc)) from None
    return _own(result.rows, request, who, level)


@router.get("/indicators/{code}/units/{unit}",
            response={200: SeriesOut, **errors(403, 404, 422)},
            summary="A unit's value over the periods and its place among the units of its level")
@ANALYSTS_ONLY
def series(request: HttpRequest, code: str, unit: str, period: str,
           audience: str | None = None) -> dict[str, Any]:
    who = _audience(request, audience)
    if not sees_unit(request.user, who, unit):
        # Outside the analyst's territories, or nowhere: the same answer (audited).
        raise HttpError(403, gettext("no current unit with this code in your territories"))
    try:
        return unit_series(_indicator(code, who), unit, period, who,
                           analyst_scope(request.user, who))
    except UserError as exc:
        raise HttpError(404, user_message(exc)) from None
