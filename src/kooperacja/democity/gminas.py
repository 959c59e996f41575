"""A synthetic country of nested units for tests and benchmarks at national scale: gminas
as Voronoi cells over a Poland-sized square in EPSG:2180 whose shared edges wiggle like
real boundaries (so that simplification has work to do), grouped into powiats and
voivodeships by the nearest of their seeds. Every edge is drawn once and shared exactly by
the two cells it separates, so the gminas form a coverage (no gaps, no overlaps), as PRG's
do.

Codes follow TERYT: voivodeships 02, 04, …, 32; powiats VVPP; gminas VVPPGGR with the
type digit R (1 urban, 2 rural, 3 urban-rural) last.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from pyproj import Transformer

# About Poland's area (312,700 km²) as a square in PUWG 1992.
EXTENT = (190_000.0, 200_000.0, 750_000.0, 760_000.0)
GMINAS, POWIATS, VOIVODESHIPS = 2477, 380, 16


@dataclass(frozen=True)
class Country:
    """Units of each level: codes, names, parent codes and WGS84 polygons."""

    gminas: list[tuple[str, str, str, shapely.Geometry]]
    powiats: list[tuple[str, str, str, shapely.Geometry]]
    voivodeships: list[tuple[str, str, str | None, shapely.Geometry]]

    def vertices(self) -> int:
        return int(shapely.get_num_coordinates([g for *_, g in self.gminas]).sum())


def _wiggle(line: np.ndarray, spacing: float, rng: np.random.Generator) -> np.ndarray:
    """The segment ``line`` (2×2) as a line with a vertex every ``spacing`` metres, displaced
    sideways by a few sine waves vanishing at both ends (at most 4 % of its length)."""
    start, end = line
    length = float(np.hypot(*(end - start)))
    steps = max(2, int(length // spacing))
    t = np.linspace(0.0, 1.0, steps + 1)
    normal = np.array([-(end - start)[1], (end - start)[0]]) / max(length, 1e-9)
    offset = np.zeros_like(t)
    for k in range(1, 6):
        offset += rng.uniform(-1, 1) / k * np.sin(k * np.pi * t)
    offset *= 0.02 * length
    return start + np.outer(t, end - start) + np.outer(offset, normal)


def build_country(gminas: int = GMINAS, powiats: int = POWIATS,
                  voivodeships: int = VOIVODESHIPS, spacing: float = 50.0,
                  seed: int = 20,
                  extent: tuple[float, float, float, float] = EXTENT) -> Country:
    """A country of ``gminas`` gminas in ``powiats`` powiats in ``voivodeships``
    voivodeships over ``extent`` (EPSG:2180), boundaries with a vertex about every
    ``spacing`` metres."""
    rng = np.random.default_rng(seed)
    west, south, east, north = extent
    frame = shapely.box(*extent)
    seeds = np.column_stack([rng.uniform(west, east, gminas), rng.uniform(south, north, gminas)])
    points = shapely.multipoints(seeds)
    edges = shapely.get_parts(shapely.voronoi_polygons(points, extend_to=frame, only_edges=True))
    edges = shapely.intersection(edges, frame)
    edges = edges[~shapely.is_empty(edges)]
    lines = [shapely.linestrings(_wiggle(shapely.get_coordinates(e)[[0, -1]], spacing, rng))
             for e in shapely.get_parts(edges) if shapely.length(e) > 0]
    outline = shapely.segmentize(frame.exterior, spacing)
    faces = shapely.get_parts(shapely.polygonize(
        shapely.get_parts(shapely.union_all([*lines, outline]))).geoms)
    faces = shapely.intersection(faces, frame)
    # Each face to the seed nearest its inside point (a face cut off where two wiggling
    # edges cross joins whichever gmina holds it).
    inside = shapely.get_coordinates(shapely.point_on_surface(faces))
    owner = _nearest(inside, seeds)
    cells = [shapely.coverage_union_all(faces[owner == i]) for i in range(gminas)]
    # Nesting: gminas to the nearest powiat seed, powiats to the nearest voivodeship seed.
    powiat_of = _nearest(seeds, seeds[:powiats])
    voivodeship_of = _nearest(seeds[:powiats], seeds[:voivodeships])
    to_wgs84 = Transformer.from_crs("EPSG:2180", "EPSG:4326", always_xy=True)

    def wgs84(geometry: shapely.Geometry) -> shapely.Geometry:
        return shapely.transform(geometry, lambda xy: np.column_stack(
            to_wgs84.transform(xy[:, 0], xy[:, 1])))

    v_codes = [f"{2 * (i + 1):02d}" for i in range(voivodeships)]
    p_codes: list[str] = []
    per_voivodeship: dict[int, int] = {}
    for p in range(powiats):
        v = int(voivodeship_of[p])
        per_voivodeship[v] = per_voivodeship.get(v, 0) + 1
        p_codes.append(f"{v_codes[v]}{per_voivodeship[v]:02d}")
    g_rows = []
    per_powiat: dict[int, int] = {}
    for g in range(gminas):
        p = int(powiat_of[g])
        per_powiat[p] = per_powiat.get(p, 0) + 1
        code = f"{p_codes[p]}{per_powiat[p]:02d}{1 + g % 3}"
        g_rows.append((code, f"Gmina {code}", p_codes[p], wgs84(cells[g])))
    by_powiat = [shapely.coverage_union_all(cells_of)
                 for cells_of in ([cells[g] for g in range(gminas) if powiat_of[g] == p]
                                  for p in range(powiats))]
    p_rows = [(p_codes[p], f"Powiat {p_codes[p]}", v_codes[int(voivodeship_of[p])],
               wgs84(by_powiat[p])) for p in range(powiats)]
    v_rows: list[tuple[str, str, str | None, shapely.Geometry]] = [
        (v_codes[v], f"Województwo {v_codes[v]}", None,
         wgs84(shapely.coverage_union_all([by_powiat[p] for p in range(powiats)
                                           if voivodeship_of[p] == v])))
        for v in range(voivodeships)]
    return Country(g_rows, p_rows, v_rows)


def _nearest(points: np.ndarray, seeds: np.ndarray) -> np.ndarray:
    tree = shapely.STRtree(shapely.points(seeds))
    return np.asarray(tree.nearest(shapely.points(points)))


def write_country(country: Country, folder: Path) -> dict[str, Path]:
    """Each level as a GeoPackage in ``folder`` (fields ``kod``, ``nazwa``, ``nadrzedna``),
    in WGS84 as the units are stored: ``{"wojewodztwo": …, "powiat": …, "gmina": …}``."""
    from pyogrio.raw import write

    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for level, rows in (("wojewodztwo", country.voivodeships), ("powiat", country.powiats),
                        ("gmina", country.gminas)):
        geometries = [shapely.multipolygons(shapely.get_parts(g)) for *_, g in rows]
        path = folder / f"{level}.gpkg"
        write(path, np.asarray(shapely.to_wkb(geometries), dtype=object),
              [np.asarray([r[i] or "" for r in rows], dtype=object) for i in range(3)],
              ["kod", "nazwa", "nadrzedna"], driver="GPKG", crs="EPSG:4326",
              geometry_type="MultiPolygon")
        paths[level] = path
    return paths
