"""Writing the demo's boundary files: GeoJSON in WGS84, GeoPackage and Shapefile in EPSG:2180."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pyogrio
import pyogrio.raw
import shapely
from pyproj import Transformer
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

# GeoPackage stores a last-change time and a .dbf its update date: fixed for same-bytes output.
FIXED_DATE = "2026-01-01"


def to_wgs84(geometry: BaseGeometry) -> BaseGeometry:
    """An EPSG:2180 geometry in longitude/latitude, rounded to 1e-7° (about 1 cm)."""
    to_wgs = Transformer.from_crs("EPSG:2180", "EPSG:4326", always_xy=True)
    moved = shapely.transform(
        geometry, lambda xy: np.column_stack(to_wgs.transform(xy[:, 0], xy[:, 1]))
    )
    return shapely.set_precision(moved, 1e-7)


def write_geojson(path: Path, features: Sequence[tuple[Mapping[str, str], BaseGeometry]]) -> None:
    """An RFC 7946 FeatureCollection; geometries must already be in WGS84."""
    collection = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": dict(props), "geometry": mapping(geometry)}
            for props, geometry in features
        ],
    }
    path.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")


def write_polygons(
    path: Path,
    geometries: Sequence[BaseGeometry],
    fields: Mapping[str, Sequence[str]],
    *,
    driver: str,
    layer: str | None = None,
    encoding: str | None = None,
) -> None:
    """Polygons in EPSG:2180 with text fields, through GDAL (GeoPackage or Shapefile)."""
    options = {"DBF_DATE_LAST_UPDATE": FIXED_DATE} if driver == "ESRI Shapefile" else {}
    with _gdal_options(OGR_CURRENT_DATE=f"{FIXED_DATE}T00:00:00.000Z"):
        pyogrio.raw.write(
            str(path),
            geometry=np.array(shapely.to_wkb(list(geometries)), dtype=object),
            field_data=[np.array(v, dtype=object) for v in fields.values()],
            fields=list(fields),
            layer=layer,
            driver=driver,
            geometry_type="MultiPolygon",
            promote_to_multi=True,
            crs="EPSG:2180",
            encoding=encoding,
            layer_options=options,
        )


@contextmanager
def _gdal_options(**options: str) -> Iterator[None]:
    before = {k: pyogrio.get_gdal_config_option(k) for k in options}
    pyogrio.set_gdal_config_options(options)
    try:
        yield
    finally:
        pyogrio.set_gdal_config_options(before)
