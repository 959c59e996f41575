"""The regional view as an API operation: a level's units of one region ranked by a public
indicator, with the region's and the installation's averages (web/services/region.py)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language, gettext
from ninja import Router, Schema
from ninja.errors import HttpError

from kooperacja import policy
from kooperacja.api_errors import errors
from kooperacja.indicators.services.inputs import periods
from kooperacja.web.services import region

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


@router.get("/region", response={200: RegionOut, **errors(404, 422)},
            summary="A region's units ranked by a public indicator, with averages")
@policy.public
def region_view(request: HttpRequest, indicator: str, t: str | None = None,
                period: str | None = None, level: str | None = None,
                unit: str | None = None) -> dict[str, Any]:
    """The units of ``level`` (the coarsest with more than one unit in the region by
    default) in territory ``t`` (a voivodeship's or powiat's TERYT code; every unit
    without it) ranked by public ``indicator`` in ``period`` (its latest by default):
    published values only, hidden ones unranked at the end. The averages are
    population-weighted means of the published values only; ``country_average`` covers
    the units of the level in this installation. ``unit``: a gmina whose five most
    similar gminas (same type, closest population) are listed."""
    chosen = region.public_indicator(indicator)
    if chosen is None or not periods(chosen, "public"):
        raise HttpError(404, gettext("There is no such indicator."))
    try:
        answer = region.region_answer(t, level, chosen, period, get_language() or "pl", unit)
    except region.NoSuchTerritory:
        raise HttpError(404, gettext("There is no such territory in this installation.")
                        ) from None
    except LookupError:
        raise HttpError(404, gettext("No values for this level and period.")) from None
    return {**answer, "indicator": answer["indicator"]["id"]}
