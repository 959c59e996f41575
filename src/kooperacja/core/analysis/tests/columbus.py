"""Real fixtures bundled with libpysal (shipped inside the installed package, no download).

Columbus, OH: 49 neighbourhoods, 1980 (Anselin 1988, Spatial Econometrics, table 12.1).
St Louis region: homicides and population of 78 counties (esda's own smoothing examples).
North Carolina: SIDS deaths and births of 100 counties 1974-78 (Cressie 1993, 386-389).
"""

from __future__ import annotations

import libpysal
import numpy as np
import shapely
from libpysal import examples


def _column(dbf: str, name: str) -> np.ndarray:
    table = libpysal.io.open(examples.get_path(dbf))
    try:
        return np.asarray(table.by_col(name), dtype=float)
    finally:
        table.close()


def _polygons(shp: str) -> list[shapely.Geometry]:
    shapes = libpysal.io.open(examples.get_path(shp))
    try:
        return [shapely.geometry.shape(shape.__geo_interface__) for shape in shapes]
    finally:
        shapes.close()


def columbus() -> tuple[list[shapely.Geometry], dict[str, np.ndarray]]:
    columns = {name: _column("columbus.dbf", name) for name in ("CRIME", "HOVAL", "INC", "THOUS")}
    return _polygons("columbus.shp"), columns


def st_louis_homicides() -> tuple[np.ndarray, np.ndarray]:
    """Homicides and population 1979-84 (columns 11 and 14 of stl_hom.csv, as in esda's docs)."""
    table = libpysal.io.open(examples.get_path("stl_hom.csv"))
    return np.array(table[:, 10], dtype=float).ravel(), np.array(table[:, 13], dtype=float).ravel()


def north_carolina_sids() -> tuple[list[shapely.Geometry], np.ndarray, np.ndarray]:
    return _polygons("sids2.shp"), _column("sids2.dbf", "SID74"), _column("sids2.dbf", "BIR74")
