"""The city's territory: boundary, estates (osiedla) and the districts they make up.

Estates are Voronoi cells of seeds laid out in rings around the old town, clipped to the
boundary; a district is the union of its estates, so estates nest in districts exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import MultiPoint, Polygon
from shapely.geometry.base import BaseGeometry

from . import names
from .place import HUTNOW, Place

# Upper Silesia, in farmland between real towns; the city itself is fictional.
CENTRE_LONLAT = HUTNOW.centre_lonlat
RADIUS_M = 5800.0
# Estates per ring: the old town, the inner town, the blocks ring and the outskirts.
RING_COUNTS = (1, 6, 14, 24)
RING_RADII_M = (0.0, 950.0, 2300.0)
OUTER_RING_SHARE = 0.68
SECTOR_DISTRICTS = 9

# Relative need for social assistance by estate kind; hot-spot estates get HOT_NEED.
NEED: dict[str, float] = {
    "old_town": 5.0,
    "centre": 1.2,
    "familoki": 5.0,
    "post_industrial": 4.0,
    "blocks": 1.0,
    "mixed": 0.8,
    "houses": 0.35,
    "village": 0.6,
}
HOT_CENTRE_NEED = 4.0


@dataclass(frozen=True)
class Estate:
    """An estate (osiedle): the smallest unit of the demo city."""

    code: str
    name: str
    kind: str
    district: str
    geometry: BaseGeometry
    ring: int
    hot: bool
    need: float


@dataclass(frozen=True)
class District:
    """A district (dzielnica): a union of estates."""

    code: str
    name: str
    geometry: BaseGeometry
    estates: tuple[str, ...]


@dataclass(frozen=True)
class Geography:
    """Boundary, districts and estates in EPSG:2180, with the planted clusters of need."""

    boundary: Polygon
    centre: tuple[float, float]
    districts: tuple[District, ...]
    estates: tuple[Estate, ...]
    hot_clusters: tuple[tuple[str, ...], ...]
    industrial_district: str
    place: Place = HUTNOW

    def estate_index(self) -> dict[str, int]:
        """Estate code → position in `estates`."""
        return {e.code: i for i, e in enumerate(self.estates)}


def build_geography(rng: np.random.Generator, place: Place = HUTNOW) -> Geography:
    """Lay out the city: boundary, estates, districts, estate kinds and planted hot spots."""
    to_2180 = Transformer.from_crs("EPSG:4326", "EPSG:2180", always_xy=True)
    cx, cy = (round(v) for v in to_2180.transform(*place.centre_lonlat))
    harmonics = _harmonics(rng)
    boundary = _boundary(cx, cy, harmonics)
    seeds, rings, angles = _seeds(rng, cx, cy, harmonics)
    cells = _cells(seeds, boundary)
    sector = _sectors(rng, rings, angles)
    sector = _make_contiguous(cells, sector)
    return _assemble(rng, boundary, (cx, cy), cells, rings, angles, sector, place)


def _harmonics(rng: np.random.Generator) -> np.ndarray:
    amplitude = np.array([0.07, 0.05, 0.03, 0.02])
    phase = rng.uniform(0, 2 * np.pi, 4)
    return np.stack([amplitude, phase])


def _radius(phi: np.ndarray, harmonics: np.ndarray) -> np.ndarray:
    k = np.arange(2, 2 + harmonics.shape[1])[:, None]
    wave = harmonics[0][:, None] * np.cos(k * phi[None, :] + harmonics[1][:, None])
    return RADIUS_M * (1 + wave.sum(axis=0))


def _boundary(cx: float, cy: float, harmonics: np.ndarray) -> Polygon:
    phi = np.linspace(0, 2 * np.pi, 256, endpoint=False)
    r = _radius(phi, harmonics)
    return Polygon(np.column_stack([cx + r * np.cos(phi), cy + r * np.sin(phi)]).round(2))


def _seeds(
    rng: np.random.Generator, cx: float, cy: float, harmonics: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    xs, rings, angles = [], [], []
    for ring, count in enumerate(RING_COUNTS):
        step = 2 * np.pi / count
        phi = (
            rng.uniform(0, step) + step * np.arange(count) + rng.uniform(-0.25, 0.25, count) * step
        ) % (2 * np.pi)
        if ring < len(RING_RADII_M):
            r = RING_RADII_M[ring] * rng.uniform(0.9, 1.1, count)
        else:
            r = OUTER_RING_SHARE * _radius(phi, harmonics) * rng.uniform(0.92, 1.06, count)
        if ring == 0:
            r, phi = np.zeros(1), np.zeros(1)
        xs.append(np.column_stack([cx + r * np.cos(phi), cy + r * np.sin(phi)]))
        rings.append(np.full(count, ring))
        angles.append(phi)
    return np.vstack(xs), np.concatenate(rings), np.concatenate(angles)


def _cells(seeds: np.ndarray, boundary: Polygon) -> np.ndarray:
    regions = shapely.voronoi_polygons(
        MultiPoint(seeds), extend_to=boundary.buffer(2000), ordered=True
    )
    cells = shapely.intersection(np.array(regions.geoms), boundary)
    return shapely.set_precision(cells, 0.01)


def _sectors(rng: np.random.Generator, rings: np.ndarray, angles: np.ndarray) -> np.ndarray:
    """District index per estate: 0 for the inner town, 1.. for angular sectors outside."""
    width = 2 * np.pi / SECTOR_DISTRICTS
    offset = rng.uniform(0, width)
    sector = 1 + (((angles - offset) % (2 * np.pi)) // width).astype(int)
    return np.where(rings <= 1, 0, sector)


def _make_contiguous(cells: np.ndarray, sector: np.ndarray) -> np.ndarray:
    """Move estates cut off from the rest of their district to the neighbour they share most with."""
    sector = sector.copy()
    for _ in range(len(cells)):
        moved = False
        for d in np.unique(sector):
            members = np.flatnonzero(sector == d)
            union = shapely.union_all(cells[members])
            if union.geom_type == "Polygon":
                continue
            main = max(union.geoms, key=lambda g: g.area)
            stray = [
                i for i in members if not shapely.intersects(main, cells[i].point_on_surface())
            ]
            for i in stray:
                shared = shapely.length(
                    shapely.intersection(cells[i].boundary, shapely.boundary(cells))
                )
                shared[sector == d] = 0
                sector[i] = sector[int(np.argmax(shared))]
            moved = True
        if not moved:
            return sector
    raise RuntimeError("districts could not be made contiguous; try another seed")


def _shared_border(cells: np.ndarray, i: int) -> np.ndarray:
    shared = shapely.length(shapely.intersection(cells[i].boundary, shapely.boundary(cells)))
    shared[i] = 0
    return shared


def _assemble(
    rng: np.random.Generator,
    boundary: Polygon,
    centre: tuple[float, float],
    cells: np.ndarray,
    rings: np.ndarray,
    angles: np.ndarray,
    sector: np.ndarray,
    place: Place,
) -> Geography:
    district_ids = np.unique(sector)
    candidates = [d for d in district_ids if d > 0 and np.any((sector == d) & (rings == 2))]
    industrial = int(rng.choice(candidates))
    kinds, hot = _kinds(rng, cells, rings, angles, sector, industrial)
    order = np.lexsort((angles, rings, sector))
    estate_names = _estate_names(rng, kinds, order, place)
    district_names = _district_names(rng, district_ids, industrial)
    noise = rng.lognormal(0, 0.1, len(cells))
    need = np.array([NEED[k] for k in kinds]) * noise
    need[hot & (kinds == "centre")] = HOT_CENTRE_NEED * noise[hot & (kinds == "centre")]

    prefix = place.code_prefix
    district_code = {int(d): f"{prefix}D{n + 1:02d}" for n, d in enumerate(district_ids)}
    estate_code = {int(i): f"{prefix}E{n + 1:02d}" for n, i in enumerate(order)}
    estates = tuple(
        Estate(
            estate_code[i],
            estate_names[i],
            str(kinds[i]),
            district_code[int(sector[i])],
            cells[i],
            int(rings[i]),
            bool(hot[i]),
            float(round(need[i], 3)),
        )
        for i in (int(j) for j in order)
    )
    districts = tuple(
        District(
            district_code[int(d)],
            district_names[int(d)],
            shapely.set_precision(shapely.union_all(cells[sector == d]), 0.01),
            tuple(e.code for e in estates if e.district == district_code[int(d)]),
        )
        for d in district_ids
    )
    clusters = tuple(
        tuple(sorted(estate_code[int(i)] for i in np.flatnonzero(hot & mask)))
        for mask in (sector == 0, sector == industrial)
    )
    return Geography(
        boundary, centre, districts, estates, clusters, district_code[industrial], place
    )


def _kinds(
    rng: np.random.Generator,
    cells: np.ndarray,
    rings: np.ndarray,
    angles: np.ndarray,
    sector: np.ndarray,
    industrial: int,
) -> tuple[np.ndarray, np.ndarray]:
    n = len(cells)
    kinds = np.empty(n, dtype=object)
    hot = np.zeros(n, dtype=bool)
    kinds[rings == 0] = "old_town"
    kinds[rings == 1] = "centre"
    inner = np.flatnonzero(rings == 1)
    first = int(rng.integers(len(inner)))
    hot[rings == 0] = True
    hot[inner[[first, (first + 1) % len(inner)]]] = True

    pick = rng.uniform(size=n)
    kinds[rings == 2] = np.where(pick[rings == 2] < 0.55, "blocks", "mixed")
    outer = rings == 3
    kinds[outer] = np.where(
        pick[outer] < 0.5, "houses", np.where(pick[outer] < 0.75, "mixed", "blocks")
    )

    core = np.flatnonzero((sector == industrial) & (rings == 2))
    familoki = int(
        core[np.argmax([_shared_border(cells, int(i))[sector == industrial].sum() for i in core])]
    )
    kinds[familoki], hot[familoki] = "familoki", True
    shared = _shared_border(cells, familoki)
    shared[sector != industrial] = 0
    for i in np.argsort(-shared, kind="stable")[:2]:
        if shared[i] > 0:
            kinds[i], hot[i] = "post_industrial", True

    touching_hot = np.array([bool(np.any(_shared_border(cells, i)[hot] > 0)) for i in range(n)])
    villages: list[int] = []
    distance = shapely.distance(cells, shapely.centroid(cells[rings == 0][0]))
    for i in np.argsort(-distance, kind="stable"):
        if (
            rings[i] == 3
            and sector[i] != industrial
            and not touching_hot[i]
            and all(sector[v] != sector[i] for v in villages)
        ):
            villages.append(int(i))
        if len(villages) == 2:
            break
    kinds[villages] = "village"
    return kinds, hot


def _estate_names(
    rng: np.random.Generator, kinds: np.ndarray, order: np.ndarray, place: Place
) -> dict[int, str]:
    pools = {
        k: list(rng.permutation(v)) if k not in ("old_town", "village") else list(v)
        for k, v in names.ESTATE_NAMES.items()
    }
    pools["village"] = list(place.villages)
    spare = [name for k in ("mixed", "houses") for name in pools[k]]
    result: dict[int, str] = {}
    for i in (int(j) for j in order):
        pool = pools[kinds[i]]
        name = pool.pop(0) if pool else spare.pop()
        if name in spare:
            spare.remove(name)
        result[i] = str(name)
    return result


def _district_names(rng: np.random.Generator, ids: np.ndarray, industrial: int) -> dict[int, str]:
    pool = list(rng.permutation(names.DISTRICT_NAMES))
    result = {}
    for d in (int(v) for v in ids):
        if d == 0:
            result[d] = names.DISTRICT_CENTRE
        elif d == industrial:
            result[d] = names.DISTRICT_INDUSTRIAL
        else:
            result[d] = str(pool.pop(0))
    return result
