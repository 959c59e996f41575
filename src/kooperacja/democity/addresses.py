"""Address points along the streets, numbered the way Polish streets are, with residents.

The result is the city's address register (what PRG would hold) plus two columns PRG does
not have and the generator needs: the estate each point lies in and its residents.
"""

from __future__ import annotations

import uuid

import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer

from .geography import Geography
from .place import HUTNOW
from .streets import Street

TARGET_POINTS = 20_000
TARGET_RESIDENTS = 200_000
MAIN_ROAD_SPACING_M = 40.0
MARKET_SPACING_M = 16.0
MIN_BORDER_DISTANCE_M = 3.0
DEDUPE_CELL_M = 7.0
LETTER_SHARE = 0.04
SKIP_SHARE = 0.05

# Address points per km² and residents per point, relative, by estate kind.
POINT_DENSITY: dict[str, float] = {
    "old_town": 700,
    "centre": 450,
    "familoki": 450,
    "post_industrial": 220,
    "blocks": 160,
    "mixed": 280,
    "houses": 330,
    "village": 60,
}
RESIDENTS_PER_POINT: dict[str, float] = {
    "old_town": 18,
    "centre": 16,
    "familoki": 12,
    "post_industrial": 20,
    "blocks": 60,
    "mixed": 9,
    "houses": 3.4,
    "village": 3.2,
}

SIMC: dict[str, str] = HUTNOW.simc_codes()


def build_addresses(
    rng: np.random.Generator, geo: Geography, streets: list[Street]
) -> pd.DataFrame:
    """One row per address point, ordered by street then number.

    Columns: source_id, locality, simc, street_index, street, ulic, number, postcode,
    x, y, lon, lat, estate (position in `geo.estates`), residents, flats (highest flat
    number, 0 for a house without flats).
    """
    main = np.array([s.estate < 0 or s.sides == 1 for s in streets])
    spacing = np.where(main, MAIN_ROAD_SPACING_M, np.nan)
    spacing[[i for i, s in enumerate(streets) if s.sides == 1]] = MARKET_SPACING_M
    main_points = _keep_inside(geo, streets, _along(rng, streets, spacing, main))
    spacing = _local_spacing(geo, streets, main_points)
    local_points = _keep_inside(geo, streets, _along(rng, streets, spacing, ~main))
    points = pd.concat([main_points, local_points], ignore_index=True)
    cells = np.floor(points[["x", "y"]].to_numpy() / DEDUPE_CELL_M).astype(np.int64)
    points = points.iloc[np.sort(np.unique(cells, axis=0, return_index=True)[1])]
    points = _number(rng, points, streets)
    return _describe(rng, geo, streets, points)


def _along(
    rng: np.random.Generator, streets: list[Street], spacing: np.ndarray, chosen: np.ndarray
) -> pd.DataFrame:
    """Points on both sides of the chosen streets, `spacing` apart along each side."""
    lines = np.array([s.line for s in streets], dtype=object)
    sides = np.array([s.sides for s in streets])
    length = shapely.length(lines)
    count = np.where(chosen, np.floor(np.nan_to_num(length / spacing)), 0).astype(int)
    first_side = np.repeat(np.arange(len(streets)), count)
    step = np.arange(len(first_side)) - np.repeat(np.cumsum(count) - count, count)
    t_first = (step + 0.5) * spacing[first_side]
    two = sides[first_side] == 2
    street = np.concatenate([first_side, first_side[two]])
    t = np.concatenate([t_first, t_first[two] + spacing[first_side[two]] / 2])
    odd = np.concatenate([np.ones(len(t_first), bool), np.zeros(two.sum(), bool)])
    keep = t < length[street]
    street, t, odd = street[keep], t[keep], odd[keep]

    at = shapely.line_interpolate_point(lines[street], t)
    ahead = shapely.line_interpolate_point(lines[street], np.minimum(t + 1.0, length[street]))
    behind = shapely.line_interpolate_point(lines[street], np.maximum(t - 1.0, 0.0))
    direction = shapely.get_coordinates(ahead) - shapely.get_coordinates(behind)
    direction /= np.linalg.norm(direction, axis=1, keepdims=True)
    normal = np.column_stack([-direction[:, 1], direction[:, 0]])
    offset = rng.uniform(9.0, 16.0, len(t)) * np.where(odd, 1.0, -1.0)
    xy = (shapely.get_coordinates(at) + normal * offset[:, None]).round(2)
    return pd.DataFrame({"street_index": street, "t": t, "odd": odd, "x": xy[:, 0], "y": xy[:, 1]})


def _keep_inside(geo: Geography, streets: list[Street], points: pd.DataFrame) -> pd.DataFrame:
    """Attach the estate to each point; drop points near a border, outside, or misplaced.

    Points of town streets that fall in a village are dropped: the village has its own
    locality and numbering.
    """
    x, y = points["x"].to_numpy(), points["y"].to_numpy()
    estate = np.full(len(points), -1)
    for i, e in enumerate(geo.estates):
        estate[shapely.contains_xy(e.geometry, x, y)] = i
    inside = estate >= 0
    borders = np.array([shapely.boundary(e.geometry) for e in geo.estates], dtype=object)
    distance = np.zeros(len(points))
    distance[inside] = shapely.distance(
        borders[estate[inside]], shapely.points(x[inside], y[inside])
    )
    village = np.array([e.kind == "village" for e in geo.estates])
    crossing = np.array([s.estate < 0 for s in streets])[points["street_index"].to_numpy()]
    keep = inside & (distance >= MIN_BORDER_DISTANCE_M) & ~(village[estate] & crossing)
    return points.assign(estate=estate)[keep]


def _local_spacing(geo: Geography, streets: list[Street], main_points: pd.DataFrame) -> np.ndarray:
    """Spacing along each estate street so that each estate gets its share of points."""
    area = np.array([e.geometry.area / 1e6 for e in geo.estates])
    density = np.array([POINT_DENSITY[e.kind] for e in geo.estates])
    target = area * density * TARGET_POINTS / np.sum(area * density)
    on_main = np.bincount(main_points["estate"], minlength=len(geo.estates))
    wanted = np.maximum(target - on_main, 0.3 * target)
    estate = np.array([s.estate for s in streets])
    length = np.array([s.line.length for s in streets])
    local_length = np.bincount(
        estate[estate >= 0], weights=length[estate >= 0], minlength=len(geo.estates)
    )
    per_estate = np.clip(2 * local_length / np.maximum(wanted, 1), 12.0, 300.0)
    return np.where(estate >= 0, per_estate[np.maximum(estate, 0)], np.nan)


def _number(rng: np.random.Generator, points: pd.DataFrame, streets: list[Street]) -> pd.DataFrame:
    """House numbers: odd on one side, even on the other; now and then 12A or a gap."""
    points = points.sort_values(
        ["street_index", "odd", "t"], ascending=[True, False, True], kind="stable"
    ).reset_index(drop=True)
    group = points.groupby(["street_index", "odd"], sort=False)
    first = group.cumcount().to_numpy() == 0
    draw = rng.uniform(size=len(points))
    letter = (draw < LETTER_SHARE) & ~first
    increment = np.where(letter, 0, np.where(draw > 1 - SKIP_SHARE, 2, 1))
    base = pd.Series(increment).groupby([points["street_index"], points["odd"]]).cumsum().to_numpy()
    sides = np.array([s.sides for s in streets])[points["street_index"]]
    number = np.where(sides == 1, base, np.where(points["odd"], 2 * base - 1, 2 * base))
    suffix = points.assign(base=base).groupby(["street_index", "odd", "base"]).cumcount().to_numpy()
    text = pd.Series(number).astype(str).to_numpy(dtype=object)
    text = text + np.array(["", "A", "B", "C", "D"], dtype=object)[np.minimum(suffix, 4)]

    unnamed = np.array([s.name is None for s in streets])[points["street_index"]]
    if unnamed.any():
        # Village houses are numbered in the order they were built, not along the road.
        text[unnamed] = (rng.permutation(unnamed.sum()) + 1).astype(str)
    return points.assign(number=text)


def _describe(
    rng: np.random.Generator, geo: Geography, streets: list[Street], points: pd.DataFrame
) -> pd.DataFrame:
    street_names = sorted({s.name.full for s in streets if s.name is not None})
    ulic = {name: f"{10000 + 10 * rank:05d}" for rank, name in enumerate(street_names)}
    full = np.array([s.name.full if s.name else "" for s in streets], dtype=object)
    locality = np.array([s.locality for s in streets], dtype=object)
    postcode = _postcodes(geo)
    simc = geo.place.simc_codes()
    kinds = np.array([e.kind for e in geo.estates], dtype=object)

    idx = points["street_index"].to_numpy()
    estate = points["estate"].to_numpy()
    base = np.array([RESIDENTS_PER_POINT[k] for k in kinds])[estate]
    raw = base * rng.lognormal(0, 0.35, len(points))
    residents = np.maximum(1, np.round(raw * TARGET_RESIDENTS / raw.sum())).astype(int)
    flats = np.where(residents >= 6, np.maximum(1, residents // 2.2), 0).astype(int)
    to_wgs = Transformer.from_crs("EPSG:2180", "EPSG:4326", always_xy=True)
    lon, lat = to_wgs.transform(points["x"].to_numpy(), points["y"].to_numpy())
    source_id = [str(uuid.UUID(bytes=rng.bytes(16), version=4)) for _ in range(len(points))]
    return pd.DataFrame(
        {
            "source_id": source_id,
            "locality": locality[idx],
            "simc": [simc[v] for v in locality[idx]],
            "street_index": idx,
            "street": full[idx],
            "ulic": [ulic.get(v, "") for v in full[idx]],
            "number": points["number"].to_numpy(),
            "postcode": np.array(postcode, dtype=object)[estate],
            "x": points["x"].to_numpy(),
            "y": points["y"].to_numpy(),
            "lon": np.round(lon, 7),
            "lat": np.round(lat, 7),
            "estate": estate,
            "residents": residents,
            "flats": flats,
        }
    )


def _postcodes(geo: Geography) -> list[str]:
    """One postcode per estate, 44-9DE (district digit, estate digit; the place's prefix
    instead of 44-9); fictional."""
    district_order = {d.code: n for n, d in enumerate(geo.districts)}
    seen: dict[str, int] = {}
    codes = []
    for e in geo.estates:
        k = seen[e.district] = seen.get(e.district, -1) + 1
        codes.append(f"{geo.place.postcode_prefix}{district_order[e.district] % 10}{k % 10}")
    return codes
