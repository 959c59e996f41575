"""Reading point layers (GeoPackage, Shapefile, GeoJSON, GML) in any CRS, WGS84 out; the
files are opened by core/vectors.py.

Resources are often kept by GIS staff as points in EPSG:2180; buildings drawn as polygons
are taken at a point inside them. See :mod:`kooperacja.core.boundaries` for why the
transformation is built with ``always_xy=True``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from pyproj import CRS, Transformer

from kooperacja.core.boundaries import DECIMALS
from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.core.vectors import VECTOR_SUFFIXES, field_text, is_vector_file, open_layer

__all__ = ["VECTOR_SUFFIXES", "PointFileError", "PointLayer", "is_vector_file", "read_points"]


class PointFileError(UserError):
    """A point file that cannot be read as given."""


@dataclass
class PointLayer:
    """Features of a point layer: WGS84 positions and attributes as text."""

    lon: np.ndarray
    lat: np.ndarray
    fields: dict[str, list[str]]
    source_crs: str

    def __len__(self) -> int:
        return len(self.lon)


def read_points(path: Path | str, crs: str | None = None, layer: str | None = None) -> PointLayer:
    """Read every feature of a point layer; polygons give a point inside them.

    Raises
    ------
    PointFileError
        With the file and feature: unreadable file, unknown layer, missing CRS, a feature
        without geometry.
    """
    opened = open_layer(path, PointFileError, layer)
    path = opened.path
    names, wkb, values = opened.read()
    source = opened.source_crs(crs)
    geometries = shapely.from_wkb(wkb)
    for i, geometry in enumerate(geometries):
        if geometry is None or shapely.is_empty(geometry):
            raise PointFileError(path, N_("the feature has no geometry"), feature=i + 1,
                                 field="geometry")
    points = np.where(shapely.get_type_id(geometries) == 0, geometries,
                      shapely.point_on_surface(geometries))
    xy = shapely.get_coordinates(points)
    if source.equals(CRS.from_epsg(4326), ignore_axis_order=True):
        lon, lat = xy[:, 0], xy[:, 1]
    else:
        lon, lat = Transformer.from_crs(source, "EPSG:4326", always_xy=True).transform(
            xy[:, 0], xy[:, 1])
    wrong = np.flatnonzero(~((np.abs(lon) <= 180) & (np.abs(lat) <= 90)))
    if len(wrong):
        # GeoJSON is WGS84 by definition, so GDAL reports it even for metres written into it.
        raise PointFileError(path, N_("the coordinates are not in %(crs)s; give the file's CRS "
                                      "with --crs EPSG:N (e.g. --crs EPSG:2180)"),
                             {"crs": source.to_string()}, feature=int(wrong[0]) + 1)
    fields = {name: [field_text(v) for v in column] for name, column in zip(names, values)}
    return PointLayer(np.round(np.asarray(lon), DECIMALS), np.round(np.asarray(lat), DECIMALS),
                      fields, source.to_string())

