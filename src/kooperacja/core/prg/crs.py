"""Coordinate reference systems of register files: axis order and transformation.

Everything leaves this module as EPSG:2180 easting/northing plus WGS84 lon/lat.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pyproj

PUWG_1992 = "EPSG:2180"
WGS84 = "EPSG:4326"

_EPSG_CODE = re.compile(r"EPSG(?:/[\d.]+/|:[\d.]*:|:)(\d+)$", re.IGNORECASE)


@dataclass(frozen=True)
class PositionSystem:
    """How to read a GML ``pos``: the CRS and whether the first number is the northing."""

    crs: str
    northing_first: bool


@lru_cache(maxsize=64)
def position_system(srs_name: str) -> PositionSystem:
    """Interpret a GML ``srsName``, honouring the axis order its form declares.

    URN and ``opengis.net/def/crs`` forms follow the authority's axis order, which for
    EPSG:2180 (and for geographic systems) puts northing/latitude first. The short
    ``EPSG:N`` form and the ``epsg.xml#N`` form are read easting/longitude first, as GIS
    software has always written them.

    Raises
    ------
    ValueError
        If the name holds no EPSG code or pyproj does not know it.
    """
    name = srs_name.strip()
    short = re.fullmatch(r"(?:EPSG:|.*epsg\.xml#)(\d+)", name, re.IGNORECASE)
    if short:
        return PositionSystem(_known(short.group(1)), northing_first=False)
    match = _EPSG_CODE.search(name)
    if not match or not ("urn:" in name.lower() or "/def/crs/" in name.lower()):
        raise ValueError(f"unsupported srsName {srs_name!r}")
    crs = _known(match.group(1))
    first_axis = pyproj.CRS.from_user_input(crs).axis_info[0].direction.lower()
    return PositionSystem(crs, northing_first=first_axis in ("north", "south"))


def _known(code: str) -> str:
    crs = f"EPSG:{int(code)}"
    try:
        pyproj.CRS.from_user_input(crs)
    except pyproj.exceptions.CRSError:
        raise ValueError(f"unknown EPSG code {code}") from None
    return crs


def normalise_crs(crs: str | int) -> str:
    """``2180``, ``"2180"``, ``"epsg:2180"`` and URNs alike become ``"EPSG:2180"``.

    Raises
    ------
    ValueError
        If pyproj does not know the system or it has no EPSG code.
    """
    try:
        code = pyproj.CRS.from_user_input(int(crs) if str(crs).isdigit() else crs).to_epsg()
    except pyproj.exceptions.CRSError:
        raise ValueError(f"unknown coordinate reference system {crs!r}") from None
    if code is None:
        raise ValueError(f"coordinate reference system {crs!r} has no EPSG code")
    return f"EPSG:{code}"


@lru_cache(maxsize=16)
def _transformer(source: str, target: str) -> pyproj.Transformer:
    return pyproj.Transformer.from_crs(source, target, always_xy=True)


def to_puwg_1992(
    x: np.ndarray, y: np.ndarray, crs: str
) -> tuple[np.ndarray, np.ndarray]:
    """Easting/northing (or lon/lat) in ``crs`` to EPSG:2180 easting/northing."""
    if crs == PUWG_1992:
        return x, y
    easting, northing = _transformer(crs, PUWG_1992).transform(x, y)
    return np.asarray(easting, dtype=np.float64), np.asarray(northing, dtype=np.float64)


def to_wgs84(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """EPSG:2180 easting/northing to WGS84 lon/lat."""
    lon, lat = _transformer(PUWG_1992, WGS84).transform(x, y)
    return np.asarray(lon, dtype=np.float64), np.asarray(lat, dtype=np.float64)
