"""Territory endpoints: levels and units as GeoJSON."""

from __future__ import annotations

from typing import Annotated

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext
from ninja import Query, Router, Schema
from ninja.errors import HttpError, ValidationError

from kooperacja import policy
from kooperacja.api_errors import errors, geojson
from kooperacja.core.simplify import MAX_ZOOM, band_for
from kooperacja.territory import answers
from kooperacja.territory.models import Level, Unit
from kooperacja.territory.services.mapshapes import BBox, units_body
from kooperacja.territory.services.selection import NoSuchTerritory, territory

router = Router(tags=["territory"])


class LevelOut(Schema):
    code: str
    name: str
    units: int


class UnitProperties(Schema):
    code: str
    name: str
    level: str
    parent_code: str | None
    area_km2: float
    population: int | None
    population_year: int | None
    # True where the population is an estimate (spread over address points); the method
    # is "dasymetric", or "grid" for figures read from a population grid.
    population_estimated: bool
    population_method: str | None
    density: float | None


class UnitFeature(Schema):
    type: str = "Feature"
    # null for a unit outside the bbox asked for
    geometry: dict | None
    properties: UnitProperties


class UnitCollection(Schema):
    type: str = "FeatureCollection"
    # How far the boundaries may have moved in simplification, in metres (0: as imported).
    tolerance_m: float
    features: list[UnitFeature]


@router.get("/levels", response=list[LevelOut], summary="Levels with current units")
@policy.public
def levels(request: HttpRequest) -> list[dict]:
    result = []
    for level in Level.objects.all():
        count = Unit.objects.current().filter(level=level).count()
        if count:
            result.append({"code": level.code, "name": level.name, "units": count})
    return result


BBOX = r"^-?\d{1,3}(\.\d{1,8})?(,-?\d{1,3}(\.\d{1,8})?){3}$"


@router.get("/units", response={200: UnitCollection, 304: None, **errors(404, 422)},
            summary="Current units of a level as GeoJSON",
            openapi_extra=geojson("UnitCollection"))
@policy.public
def units(
    request: HttpRequest, level: str,
    zoom: Annotated[int | None, Query(ge=0, le=MAX_ZOOM, description=(
        "The web map's zoom level (Leaflet's, 0–24): geometries simplified for it, shared "
        "boundaries once so neighbours still meet. Without it, as imported."))] = None,
    bbox: Annotated[str | None, Query(pattern=BBOX, description=(
        "west,south,east,north in degrees (WGS84): only the units touching this box have "
        "their geometry, the others null (every unit keeps its properties)."))] = None,
    t: Annotated[str | None, Query(description=(
        "A territory's TERYT code: only the units of that territory and of the territories "
        "within it (404 for a code that names none)."))] = None,
) -> HttpResponse:
    """A GeoJSON FeatureCollection (WGS84) of the current generation's units of ``level``,
    with population (latest year) and density per km². An answer is never over 2 MB: when
    the geometries for ``zoom`` (and ``bbox``) would make it larger, coarser ones are sent,
    and ``tolerance_m`` says how far boundaries may have moved (0: as imported). Built once
    per change of the units or population; answers carry ETag (the inputs' version and the
    parameters) and Last-Modified, and If-None-Match gets 304."""
    try:
        territory(t)
    except NoSuchTerritory:
        raise HttpError(404, gettext("There is no such territory in this installation.")
                        ) from None
    box = _bbox(bbox)
    band = band_for(zoom)
    key = ("units", level, band.tolerance, box, t or "")
    # A view's answer is assembled from the stored shapes for its request alone: views
    # are too many to keep each in memory.
    return answers.answer(request, key, lambda: units_body(level, band, box, t),
                          keep=box is None)


def _bbox(text: str | None) -> BBox | None:
    if text is None:
        return None
    west, south, east, north = (float(part) for part in text.split(","))
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        raise ValidationError([{
            "type": "bbox", "loc": ["query", "bbox"], "msg": "not a box"}])
    return west, south, east, north
