"""Resource endpoints: the public directory as JSON and GeoJSON, the nearest to an address,
and the "high need, low access" layer.

Only public entries and public indicators; the address asked about is neither logged nor
stored.
"""

from __future__ import annotations

import datetime
import json
from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from ninja import Path, Router, Schema
from ninja.errors import HttpError

from kooperacja import policy
from kooperacja.api_errors import errors, geojson
from kooperacja.core.errors import UserError
from kooperacja.messages import user_message
from kooperacja.resources.models import Resource
from kooperacja.resources.services.accessibility import DEFAULT_DISTANCE_M
from kooperacja.resources.services.directory import (
    NEAR_LIMIT,
    Filters,
    near_address,
    search,
    to_geojson,
)
from kooperacja.resources.services.gaps import gap_layer
from kooperacja.security.throttling import ClientRateThrottle

router = Router(tags=["resources"])


class ResourceOut(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    address: str
    postcode: str
    locality: str
    lon: float | None
    lat: float | None
    phone: str
    email: str
    website: str
    opening_hours: str
    capacity: int | None
    problems: list[str]
    target_groups: list[str]
    units: dict[str, str]
    owner: str | None
    last_verified: datetime.date | None
    stale: bool


class NearbyOut(Schema):
    resource: ResourceOut
    straight_m: float
    walking_m: float


class NearOut(Schema):
    status: str
    lon: float | None
    lat: float | None
    resources: list[NearbyOut]


class GapUnitOut(Schema):
    unit_code: str
    unit_name: str
    need: float | None
    hidden: bool
    label: str
    access_2sfca: float | None
    distance_m: float | None
    z_need: float | None
    z_access: float | None
    gap: float | None
    high_need_low_access: bool


class GapsOut(Schema):
    indicator: str
    period: str
    level: str
    kind: str
    distance_m: float
    k: int
    threshold: float
    resources: int
    flagged: list[str]
    units: list[GapUnitOut]


def _out(resource: Resource) -> dict[str, object]:
    return {
        "id": resource.pk, "name": resource.name, "kind": resource.kind.code,
        "kind_label": resource.kind.label, "address": resource.address,
        "postcode": resource.postcode, "locality": resource.locality, "lon": resource.lon,
        "lat": resource.lat, "phone": resource.phone, "email": resource.email,
        "website": resource.website, "opening_hours": resource.opening_hours,
        "capacity": resource.capacity, "problems": [p.code for p in resource.problems.all()],
        "target_groups": resource.target_groups, "units": resource.units,
        "owner": resource.owner.name if resource.owner else None,
        "last_verified": resource.last_verified, "stale": resource.is_stale,
    }


@router.get("", response={200: list[ResourceOut], **errors(422)},
            summary="Public resources, filtered")
@policy.public
def resources(request: HttpRequest, q: str = "", kind: str = "", problem: str = "",
              area: str = "") -> list[dict[str, object]]:
    """``q`` words in the name, address or description; ``kind`` a kind code; ``problem`` a
    reason-for-assistance code (art. 7); ``area`` a unit as ``level:code``."""
    found = search(Filters(q, kind, problem, area)).prefetch_related("problems")
    return [_out(r) for r in found]


class ResourceFeature(Schema):
    type: str = "Feature"
    id: int
    geometry: dict[str, Any]
    properties: dict[str, Any]  # the directory's export row (directory.export_row)


class ResourceCollection(Schema):
    type: str = "FeatureCollection"
    features: list[ResourceFeature]


@router.get("/geojson", response={200: ResourceCollection, **errors(422)},
            summary="Public resources as GeoJSON (same filters)",
            openapi_extra=geojson("ResourceCollection"))
@policy.public
def resources_geojson(request: HttpRequest, q: str = "", kind: str = "", problem: str = "",
                      area: str = "") -> HttpResponse:
    data = to_geojson(search(Filters(q, kind, problem, area)))
    return HttpResponse(json.dumps(data, ensure_ascii=False), content_type="application/geo+json")


@router.get("/near", response={200: NearOut, **errors(422, 429)},
            summary="The nearest resources to an address", throttle=[ClientRateThrottle("near")])
@policy.public
def near(request: HttpRequest, address: str, kind: str = "", limit: int = NEAR_LIMIT
         ) -> dict[str, object]:
    """Geocodes ``address`` against the register and lists the nearest public resources
    (of ``kind``) with straight-line and approximate walking distance (× 1.3)."""
    found = near_address(address, kind, max(1, min(limit, 20)))
    return {"status": found.status, "lon": found.lon, "lat": found.lat, "resources": [
        {"resource": _out(n.resource), "straight_m": round(n.straight_m, 1),
         "walking_m": round(n.walking_m, 1)} for n in found.resources]}


@router.get("/gaps", response={200: GapsOut, **errors(400, 404, 422)},
            summary="High need, low access: gap score per unit")
@policy.public
def gaps(request: HttpRequest, indicator: str, level: str, period: str, kind: str = "",
         distance: float = DEFAULT_DISTANCE_M) -> dict[str, object]:
    """Need is the public ``indicator``'s rate after disclosure control, access the 2SFCA of
    the residents to the public resources of ``kind`` (every kind when empty) within
    ``distance`` metres. ``gap`` = z(need) − z(access); a unit is flagged when its need is
    at least the mean, its access below the mean and the gap at least ``threshold``. A unit
    whose rate is hidden has no need, no gap and no flag."""
    if not 0 < distance <= 20_000:
        raise HttpError(400, gettext("distance must be more than 0 and at most 20000 metres"))
    try:
        layer = gap_layer(indicator, level, period, kind, distance)
    except UserError as exc:
        raise HttpError(404, user_message(exc)) from None
    return {**vars(layer), "flagged": layer.flagged, "units": layer.rows}


@router.get("/{resource_id}", response={200: ResourceOut, **errors(404, 422)},
            summary="One public resource")
@policy.public
def resource(request: HttpRequest, resource_id: Annotated[int, Path(ge=0)]
             ) -> dict[str, object]:
    return _out(get_object_or_404(Resource.objects.public().select_related("kind", "owner"),
                                  pk=resource_id))
