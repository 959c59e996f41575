"""Territory endpoints: levels and units as GeoJSON."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext
from ninja import Router, Schema
from ninja.errors import HttpError

from kooperacja import policy
from kooperacja.api_errors import errors, geojson
from kooperacja.territory import answers
from kooperacja.territory.models import Level, Unit
from kooperacja.territory.services.population import population_methods, population_totals
from kooperacja.territory.services.selection import NoSuchTerritory, in_territory, territory

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
    geometry: dict
    properties: UnitProperties


class UnitCollection(Schema):
    type: str = "FeatureCollection"
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


@router.get("/units", response={200: UnitCollection, 304: None, **errors(404, 422)},
            summary="Current units of a level as GeoJSON",
            openapi_extra=geojson("UnitCollection"))
@policy.public
def units(request: HttpRequest, level: str, t: str | None = None) -> HttpResponse:
    """A GeoJSON FeatureCollection (WGS84) of the current generation's units of ``level``,
    with population (latest year) and density per km²; with ``t`` (a territory's TERYT
    code) only the units of that territory (404 for a code that names none). Built once
    per change of the units or population; answers carry ETag and Last-Modified (304 on
    If-None-Match)."""
    version = answers.current()
    try:
        territory(t, version)
    except NoSuchTerritory:
        raise HttpError(404, gettext("There is no such territory in this installation.")
                        ) from None
    stored = answers.stored(("units", level, t or ""), lambda: _units_geojson(level, t),
                            version)
    return answers.respond(request, stored, version)


def _units_geojson(level: str, t: str | None = None) -> answers.Body:
    found = Unit.objects.current().filter(level__code=level)
    if t:
        found = found.filter(in_territory(t))
    rows = list(found.values_list("pk", "code", "name", "parent__code", "area_km2",
                                  "geometry"))
    totals = population_totals([row[0] for row in rows])
    methods = population_methods([row[0] for row in rows])
    features = []
    for pk, code, name, parent_code, area, geometry in rows:
        year, people = totals.get(pk, (None, None))
        properties = {
            "code": code, "name": name, "level": level, "parent_code": parent_code,
            "area_km2": round(area, 4), "population": people, "population_year": year,
            "population_estimated": people is not None and methods.get(pk) == "dasymetric",
            "population_method": methods.get(pk) if people is not None else None,
            "density": round(people / area, 1) if people is not None and area > 0 else None,
        }
        # Geometries are stored as GeoJSON text: splice them in rather than parse and re-dump.
        properties_json = json.dumps(properties, ensure_ascii=False)
        features.append(
            f'{{"type":"Feature","geometry":{geometry},"properties":{properties_json}}}'
        )
    body = '{"type":"FeatureCollection","features":[' + ",".join(features) + "]}"
    return answers.body(body, "application/geo+json")
