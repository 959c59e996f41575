"""The metric plane distances are measured in, chosen from the territory's extent.

Every distance of the platform (spatial weights, access, the nearest resources to an
address) is a straight line in one projected CRS per installation:

* EPSG:2180 (PUWG 1992) when the territory lies within that system's area of use
  (Poland), whose scale error stays below 0.1 % across a city;
* else the UTM zone of the extent's centre (ETRS89 in Europe, WGS 84 elsewhere, north or
  south) when the extent spans at most a zone's width (6° of longitude) between 80°S and
  84°N: no point is then more than 6° from the zone's central meridian, where the scale
  error stays below 0.6 %;
* else a Lambert azimuthal equal-area projection centred on the extent.

A transverse Mercator projection far from its central meridian stretches distances
(EPSG:2180 measures Lisbon about 7 % long), hence the choice.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import shapely
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError

POLAND = "EPSG:2180"
WGS84 = "EPSG:4326"
UTM_ZONE_WIDTH = 6.0
UTM_SOUTH, UTM_NORTH = -80.0, 84.0
Bounds = tuple[float, float, float, float]


@lru_cache(maxsize=1)
def _poland_bounds() -> Bounds:
    area = CRS.from_user_input(POLAND).area_of_use
    assert area is not None
    return area.bounds


def _within(inner: Bounds, outer: Bounds) -> bool:
    return (inner[0] >= outer[0] and inner[1] >= outer[1]
            and inner[2] <= outer[2] and inner[3] <= outer[3])


def utm_crs(lon: float, lat: float) -> str:
    """The UTM zone holding the point: ETRS89 where that system covers it, else WGS 84."""
    zone = min(60, max(1, int((lon + 180.0) // UTM_ZONE_WIDTH) + 1))
    if lat >= 0:
        try:
            etrs = CRS.from_epsg(25800 + zone)
        except CRSError:
            etrs = None
        area = etrs.area_of_use if etrs is not None else None
        if area is not None and _within((lon, lat, lon, lat), area.bounds):
            return f"EPSG:{25800 + zone}"
        return f"EPSG:{32600 + zone}"
    return f"EPSG:{32700 + zone}"


def choose_metric_crs(bounds: Bounds) -> str:
    """The metric CRS for a territory whose WGS84 extent is ``bounds``
    (west, south, east, north), by the rules of this module's docstring."""
    west, south, east, north = (float(v) for v in bounds)
    if not (np.isfinite([west, south, east, north]).all() and west <= east and south <= north):
        raise ValueError(f"not an extent in longitude/latitude: {bounds!r}")
    if _within((west, south, east, north), _poland_bounds()):
        return POLAND
    lon, lat = (west + east) / 2, (south + north) / 2
    if east - west <= UTM_ZONE_WIDTH and south >= UTM_SOUTH and north <= UTM_NORTH:
        return utm_crs(lon, lat)
    return f"+proj=laea +lat_0={lat:.4f} +lon_0={lon:.4f} +x_0=0 +y_0=0 +datum=WGS84 +units=m"


def check_metric_crs(text: str) -> str:
    """``text`` stripped, when it names a projected CRS in metres (EPSG:N, a PROJ string,
    WKT); otherwise ValueError saying what is wrong."""
    text = text.strip()
    try:
        crs = CRS.from_user_input(text)
    except CRSError:
        raise ValueError(f"unknown coordinate reference system {text!r}") from None
    units = {axis.unit_name for axis in crs.axis_info}
    if not crs.is_projected or units != {"metre"}:
        raise ValueError(f"{text!r} is not a projected system in metres")
    return text


@lru_cache(maxsize=16)
def _transformer(source: str, target: str) -> Transformer:
    return Transformer.from_crs(source, target, always_xy=True)


def to_metric(
    lon: np.ndarray | Sequence[float | None], lat: np.ndarray | Sequence[float | None], crs: str
) -> np.ndarray:
    """An (n, 2) array of eastings and northings in ``crs`` for WGS84 longitudes/latitudes."""
    x, y = _transformer(WGS84, crs).transform(np.asarray(lon, dtype=float),
                                              np.asarray(lat, dtype=float))
    return np.column_stack([np.atleast_1d(x), np.atleast_1d(y)])


def to_wgs84(xy: np.ndarray, crs: str) -> tuple[np.ndarray, np.ndarray]:
    """Longitudes and latitudes of an (n, 2) array of points in ``crs``."""
    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    lon, lat = _transformer(crs, WGS84).transform(xy[:, 0], xy[:, 1])
    return np.atleast_1d(lon), np.atleast_1d(lat)


def project(geometries: np.ndarray | list[shapely.Geometry], crs: str) -> np.ndarray:
    """WGS84 geometries in ``crs``."""
    transformer = _transformer(WGS84, crs)
    return shapely.transform(np.asarray(geometries, dtype=object),
                             lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1])))


def unproject(geometries: np.ndarray | list[shapely.Geometry], crs: str) -> np.ndarray:
    """Geometries in ``crs`` back in WGS84."""
    transformer = _transformer(crs, WGS84)
    return shapely.transform(np.asarray(geometries, dtype=object),
                             lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1])))
