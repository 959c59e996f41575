"""The public directory: searching resources, the nearest ones to an address, exports."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db.models import Q, QuerySet

from kooperacja.addresses.services.geocoding import geocode
from kooperacja.core.accessibility import nearest, to_metric, walking_m
from kooperacja.records.services.exports import Export
from kooperacja.resources.models import Resource
from kooperacja.territory import answers
from kooperacja.territory.services.metric import metric_crs

NEAR_LIMIT = 5
# 4.8 km/h, the walking speed planners use for adults.
WALKING_M_PER_MINUTE = 80
SEARCH_FIELDS = ("name", "address", "locality", "description", "opening_hours")
# A level code as a JSON key: no "__", which would make it a lookup of its own.
LEVEL = re.compile(r"[A-Za-z0-9-]+(_[A-Za-z0-9-]+)*")


@dataclass(frozen=True)
class Filters:
    """What a visitor searches by; empty means any."""

    text: str = ""
    kind: str = ""
    problem: str = ""
    area: str = ""  # "level:unit_code", e.g. "district:D01"

    @classmethod
    def from_query(cls, query: Mapping[str, Any]) -> Filters:
        return cls(*(str(query.get(name, "") or "").strip()[:200]
                     for name in ("q", "kind", "problem", "area")))


def search(filters: Filters) -> QuerySet[Resource]:
    """Public resources matching every given filter, by name."""
    found = Resource.objects.public().select_related("kind", "owner")
    for word in filters.text.split():
        found = found.filter(Q(*[Q(**{f"{f}__icontains": word}) for f in SEARCH_FIELDS],
                               _connector=Q.OR))
    if filters.kind:
        found = found.filter(kind__code=filters.kind)
    if filters.problem:
        found = found.filter(problems__code=filters.problem,
                             problems__code_list__code="mops_reason")
    level, _, code = filters.area.partition(":")
    if code and LEVEL.fullmatch(level):
        found = found.filter(**{f"units__{level}": code})
    return found.order_by("name", "pk").distinct()


@dataclass(frozen=True)
class NearbyResource:
    resource: Resource
    straight_m: float
    walking_m: float

    @property
    def minutes(self) -> int:
        return max(1, round(self.walking_m / WALKING_M_PER_MINUTE))


@dataclass(frozen=True)
class Nearby:
    """Where the address was found (None when it was not) and the nearest resources."""

    status: str
    lon: float | None
    lat: float | None
    resources: list[NearbyResource]


def near_address(address: str, kind: str = "", limit: int = NEAR_LIMIT) -> Nearby:
    """The ``limit`` nearest public resources (of ``kind``) to a typed address.

    The address may be a client's: it is geocoded and forgotten, never stored or logged.
    """
    found = geocode([address[:300]])[0]
    if found.status != "matched" or found.lon is None or found.lat is None:
        return Nearby(found.status, None, None, [])
    located = answers.stored(("near", kind), lambda: _located(kind))
    if not located.resources:
        return Nearby(found.status, found.lon, found.lat, [])
    origin = to_metric(np.array([found.lon]), np.array([found.lat]), located.crs)
    result = nearest(origin, located.points, k=min(limit, len(located.resources)))
    return Nearby(found.status, found.lon, found.lat, [
        NearbyResource(located.resources[int(i)], float(d), float(walking_m(d)))
        for d, i in zip(result.distance_m[0], result.index[0])
    ])


@dataclass(frozen=True)
class _Located:
    resources: list[Resource]
    points: np.ndarray  # (n, 2) in ``crs``
    crs: str


def _located(kind: str) -> _Located:
    """The public located resources (of ``kind``) in the metric CRS, read once per change
    of the public answers' inputs (territory/answers.py), their problems with them."""
    found = list(search(Filters(kind=kind)).filter(lon__isnull=False, lat__isnull=False)
                 .prefetch_related("problems"))
    crs = metric_crs()
    points = to_metric(np.array([r.lon for r in found]), np.array([r.lat for r in found]), crs)
    return _Located(found, points, crs)


EXPORT_COLUMNS = ("id", "name", "kind", "kind_label", "address", "postcode", "locality", "lon",
                  "lat", "phone", "email", "website", "opening_hours", "capacity", "problems",
                  "target_groups", "owner", "last_verified")


def export_row(resource: Resource) -> dict[str, object]:
    return {
        "id": resource.pk, "name": resource.name, "kind": resource.kind.code,
        "kind_label": resource.kind.label, "address": resource.address,
        "postcode": resource.postcode, "locality": resource.locality,
        "lon": resource.lon, "lat": resource.lat, "phone": resource.phone,
        "email": resource.email, "website": resource.website,
        "opening_hours": resource.opening_hours, "capacity": resource.capacity,
        "problems": ",".join(p.code for p in resource.problems.all()),
        "target_groups": ",".join(resource.target_groups),
        "owner": resource.owner.name if resource.owner else "",
        "last_verified": resource.last_verified.isoformat() if resource.last_verified else "",
    }


def resource_export(resources: QuerySet[Resource], filters: dict[str, str]) -> Export:
    """The directory as an export (``kooperacja.records.services.exports``): every resource
    the filters find, with its point for GeoJSON."""
    found = list(resources.prefetch_related("problems").select_related("kind", "owner"))
    return Export(
        "resources", EXPORT_COLUMNS, [export_row(r) for r in found],
        provenance={"filters": filters}, detail={"filters": filters},
        geometries={r.pk: json.dumps({"type": "Point", "coordinates": [r.lon, r.lat]})
                    for r in found if r.lon is not None and r.lat is not None},
        key="id", layer="resources",
    )


def to_geojson(resources: QuerySet[Resource]) -> dict[str, object]:
    """A FeatureCollection (WGS84) of the located resources."""
    features = []
    placed = resources.filter(lon__isnull=False, lat__isnull=False)
    for resource in placed.prefetch_related("problems"):
        properties = export_row(resource)
        properties.pop("lon"), properties.pop("lat")
        features.append({"type": "Feature", "id": resource.pk,
                         "geometry": {"type": "Point", "coordinates": [resource.lon, resource.lat]},
                         "properties": properties})
    return {"type": "FeatureCollection", "features": features}

