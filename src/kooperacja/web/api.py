"""The regional view as an API operation: a level's units of one region ranked by a public
indicator, with the region's and the installation's averages (web/services/region.py)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language, gettext
from ninja import Router, Schema
from ninja.errors import HttpError

from kooperacja import policy
from kooperacja.api_errors import errors
from kooperacja.territory import answers
from kooperacja.web.services import region
from kooperacja.web.services.profile import indicator_periods

router = Router(tags=["region"])


class TerritoryOut(Schema):
    t: str
    code: str
    name: str
    level: str
    level_name: str


class RegionLegendClass(Schema):
    lower: float
    upper: float
    count: int


class RegionUnitOut(Schema):
    # null for a hidden value: it is not ranked
    rank: int | None
    unit_code: str
    unit_name: str
    # "urban", "rural", "urban-rural" for a gmina, else null
    type: str | None
    population: int | None
    value: float | None
    lower: float | None
    upper: float | None
    # the class on the map, 1 = lowest; null for a hidden value
    class_number: int | None
    hidden: bool
    label: str


class AverageOut(Schema):
    # population-weighted mean of the published values (hidden ones left out)
    value: float | None
    units: int
    of: int
    # "region": the region's units; "installation": every unit of the level in this
    # installation (not a national figure)
    scope: str


class RegionFigureOut(Schema):
    value: float | None
    lower: float | None
    upper: float | None
    hidden: bool
    label: str


class SimilarOut(Schema):
    code: str
    name: str
    type: str
    population: int | None
    year: int | None
    value: float | None
    hidden: bool
    label: str


class RegionOut(Schema):
    territory: TerritoryOut | None
    level: str
    indicator: str
    period: str
    k: int | None
    legend: list[RegionLegendClass]
    units: list[RegionUnitOut]
    hidden: int
    region_average: AverageOut
    country_average: AverageOut
    region_figure: RegionFigureOut | None
    # the gmina whose similar gminas are listed, and their level
    unit: str | None
    gmina_level: str | None
    similar: list[SimilarOut]


@router.get("/region", response={200: RegionOut, 304: None, **errors(404, 422)},
            summary="A region's units ranked by a public indicator, with averages")
@policy.public
def region_view(request: HttpRequest, indicator: str, t: str | None = None,
                period: str | None = None, level: str | None = None,
                unit: str | None = None) -> HttpResponse:
    """The units of ``level`` (the coarsest with more than one unit in the region by
    default) in territory ``t`` (a voivodeship's or powiat's TERYT code; every unit
    without it) ranked by public ``indicator`` in ``period`` (its latest by default):
    published values only, hidden ones unranked at the end. The averages are
    population-weighted means of the published values only; ``country_average`` covers
    the units of the level in this installation. ``unit``: a gmina whose five most
    similar gminas (same type, closest population) are listed. Built once per change of
    the inputs; answers carry ETag and Last-Modified (304 on If-None-Match)."""
    version = answers.current()
    chosen = region.public_indicator(indicator)
    if chosen is None or not indicator_periods(chosen, "public", version):
        raise HttpError(404, gettext("There is no such indicator."))
    language = get_language() or "pl"
    try:
        answer = region.region_answer(t, level, chosen, period, language, unit, version)
    except region.NoSuchTerritory:
        raise HttpError(404, gettext("There is no such territory in this installation.")
                        ) from None
    except LookupError:
        raise HttpError(404, gettext("No values for this level and period.")) from None
    key = ("region-api", answer["territory"]["t"] if answer["territory"] else "",
           answer["level"], chosen.code, answer["period"], answer["unit"] or "", language)
    stored = answers.stored(key, lambda: _body(answer), version)
    return answers.respond(request, stored, version)


def _body(answer: dict[str, Any]) -> answers.Body:
    """The answer's JSON through the schema the API documents."""
    body = RegionOut.model_validate({**answer, "indicator": answer["indicator"]["id"]})
    return answers.body(body.model_dump_json(), "application/json")
