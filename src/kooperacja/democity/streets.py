"""The street network: radial main roads, a ring road, the market square, estate streets.

A street is a line with a name; address points are later placed along both its sides.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from shapely import affinity
from shapely.geometry import LineString, Polygon

from . import names
from .geography import Geography
from .names import StreetName

ARTERIAL_START_M = 150.0
RING_ROAD_RADIUS_M = 1900.0
MARKET_HALF_SIDE_M = 55.0
ESTATE_MARGIN_M = 18.0
MIN_STREET_M = 80.0


@dataclass(frozen=True)
class Street:
    """A named line; `name` is None for the unnamed roads of a street-less village.

    `estate` is the estate whose own street it is (-1 for roads crossing estates);
    `sides` is 2 for odd/even numbering, 1 for consecutive numbering (a market square).
    """

    name: StreetName | None
    locality: str
    line: LineString
    estate: int
    sides: int


def build_streets(rng: np.random.Generator, geo: Geography) -> list[Street]:
    """Lay out every street of the city and of its villages, in a fixed order."""
    streets = _main_roads(rng, geo)
    pool = _local_names(rng)
    for index, estate in enumerate(geo.estates):
        locality = estate.name if estate.kind == "village" else geo.place.name
        lines = _grid(rng, estate.geometry, _street_count(estate.geometry.area))
        if estate.kind == "village" and estate.name == geo.place.villages[0]:
            streets += [Street(None, locality, line, index, 2) for line in lines[:2]]
            continue
        if estate.kind == "village":
            own = list(names.VILLAGE_STREETS)
            lines = lines[: len(own)]
        elif estate.kind == "centre":
            own = [names.SQUARES[index % len(names.SQUARES)]]
        else:
            own = []
        for line in lines:
            name = own.pop(0) if own else pool.pop(0)
            streets.append(Street(name, locality, line, index, 2))
    return streets


def _street_count(area_m2: float) -> int:
    return int(np.clip(round(2.2 * np.sqrt(area_m2 / 1e6) + 1.5), 3, 7))


def _local_names(rng: np.random.Generator) -> list[StreetName]:
    pool = [names.local_street_pool()[i] for i in rng.permutation(len(names.local_street_pool()))]
    # The street whose name Zawada shares must exist in the town too.
    shared = next(s for s in pool if s.main == names.SHARED_STREET)
    pool.remove(shared)
    return [shared, *pool]


def _main_roads(rng: np.random.Generator, geo: Geography) -> list[Street]:
    cx, cy = geo.centre
    inner = geo.boundary.buffer(-20)
    h = MARKET_HALF_SIDE_M
    # Clockwise, so that the left side, where the houses stand, faces outward.
    market = LineString(
        [(cx - h, cy - h), (cx - h, cy + h), (cx + h, cy + h), (cx + h, cy - h), (cx - h, cy - h)]
    )
    streets = [Street(names.MARKET_SQUARE, geo.place.name, market, 0, 1)]

    count = len(names.ARTERIALS)
    start = rng.uniform(0, 2 * np.pi)
    angles = start + 2 * np.pi * np.arange(count) / count + rng.uniform(-0.2, 0.2, count)
    for name, phi in zip(names.ARTERIALS, angles):
        r = np.linspace(ARTERIAL_START_M, 7000.0, 12)
        bend = rng.normal(0, 90, 12).cumsum() * np.linspace(0, 1, 12)
        x = cx + r * np.cos(phi) - bend * np.sin(phi)
        y = cy + r * np.sin(phi) + bend * np.cos(phi)
        line = _longest(shapely.intersection(LineString(np.column_stack([x, y])), inner))
        streets.append(Street(name, geo.place.name, line, -1, 2))

    phi = np.linspace(0, 2 * np.pi, 181)
    radius = RING_ROAD_RADIUS_M * (1 + 0.08 * np.cos(2 * phi + start))
    ring = LineString(np.column_stack([cx + radius * np.cos(phi), cy + radius * np.sin(phi)]))
    streets.append(Street(names.RING_ROAD, geo.place.name, ring, -1, 2))
    return streets


def _grid(rng: np.random.Generator, estate: Polygon, count: int) -> list[LineString]:
    """`count` straight streets across an estate, in two perpendicular directions."""
    theta = rng.uniform(0, np.pi)
    origin = estate.centroid
    turned = affinity.rotate(estate, -theta, origin=origin, use_radians=True)
    minx, miny, maxx, maxy = turned.bounds
    across = (count + 1) // 2
    spots_y = miny + (maxy - miny) * (np.arange(across) + rng.uniform(0.3, 0.7, across)) / across
    spots_x = minx + (maxx - minx) * (
        np.arange(count - across) + rng.uniform(0.3, 0.7, count - across)
    ) / max(count - across, 1)
    lines = [LineString([(minx - 10, y), (maxx + 10, y)]) for y in spots_y]
    lines += [LineString([(x, miny - 10), (x, maxy + 10)]) for x in spots_x]
    inner = estate.buffer(-ESTATE_MARGIN_M)
    result = []
    for line in lines:
        clipped = _longest(
            shapely.intersection(
                affinity.rotate(line, theta, origin=origin, use_radians=True), inner
            )
        )
        if clipped.length >= MIN_STREET_M:
            result.append(clipped)
    return result


def _longest(geometry: shapely.Geometry) -> LineString:
    parts = getattr(geometry, "geoms", [geometry])
    lines = [g for g in parts if g.geom_type == "LineString"]
    return max(lines, key=lambda g: g.length) if lines else LineString()
