"""Regular square grids (INSPIRE-style cell codes) clipped to a territory."""

from __future__ import annotations

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry.base import BaseGeometry

from kooperacja.core.boundaries import DECIMALS, Boundaries, geodesic_areas_km2

GRID_CRS = ("EPSG:2180", "EPSG:3035")


def square_grid(territory: BaseGeometry, size_m: int, crs: str = "EPSG:3035") -> Boundaries:
    """Cells of ``size_m`` metres in ``crs`` that intersect ``territory`` (WGS84), clipped to it.

    Cells are aligned to multiples of the size, as the Statistics Poland population grid
    is, and coded like INSPIRE grid cells: ``CRS3035RES1000mN3260000E5020000`` names the
    cell whose lower-left corner is at northing 3260000, easting 5020000.
    """
    if crs not in GRID_CRS:
        raise ValueError(f"grid CRS must be one of {GRID_CRS}")
    forward = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    back = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    projected = shapely.transform(territory,
                                  lambda xy: np.column_stack(forward.transform(xy[:, 0], xy[:, 1])))
    minx, miny, maxx, maxy = projected.bounds
    xs = np.arange(np.floor(minx / size_m) * size_m, maxx, size_m)
    ys = np.arange(np.floor(miny / size_m) * size_m, maxy, size_m)
    gx, gy = (a.ravel() for a in np.meshgrid(xs, ys))
    cells = shapely.box(gx, gy, gx + size_m, gy + size_m)
    shapely.prepare(projected)
    keep = shapely.intersects(projected, cells)
    gx, gy = gx[keep], gy[keep]
    clipped = shapely.intersection(cells[keep], projected)
    polygonal = np.isin(shapely.get_type_id(clipped), (3, 6)) & (shapely.area(clipped) > 0)
    gx, gy, clipped = gx[polygonal], gy[polygonal], clipped[polygonal]
    epsg = crs.split(":")[1]
    codes = [f"CRS{epsg}RES{size_m}mN{int(y)}E{int(x)}" for x, y in zip(gx, gy)]
    names = [f"{size_m / 1000:g} km N{int(y)} E{int(x)}" if size_m >= 1000
             else f"{size_m} m N{int(y)} E{int(x)}" for x, y in zip(gx, gy)]
    wgs84 = shapely.transform(
        clipped, lambda xy: np.round(np.column_stack(back.transform(xy[:, 0], xy[:, 1])), DECIMALS)
    )
    return Boundaries(codes, names, [None] * len(codes), wgs84, geodesic_areas_km2(wgs84), crs)
