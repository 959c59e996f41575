"""Reading unit boundaries from vector files (GeoPackage, Shapefile, GeoJSON, GML).

Any CRS in, WGS84 out. Files are opened by core/vectors.py (pyogrio, GDAL in the wheel)
and transformed with
pyproj; GDAL hands coordinates over in the traditional GIS order (easting, northing or
longitude, latitude) whatever the CRS's authority order, so the transformation is built with
``always_xy=True``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import shapely
import shapely.errors
from pyproj import CRS, Geod, Transformer

from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.core.vectors import field_text, open_layer, shapefile_encoding

__all__ = ["DECIMALS", "WGS84", "Boundaries", "BoundaryFileError", "field_text",
           "geodesic_areas_km2", "read_boundaries", "shapefile_encoding"]

WGS84 = "EPSG:4326"
# Coordinates kept to 7 decimal places of a degree: about 1 cm, below any survey's accuracy.
DECIMALS = 7
_GEOD = Geod(ellps="WGS84")


class BoundaryFileError(UserError):
    """A boundary file that cannot be imported; the message says where and what to do."""


@dataclass
class Boundaries:
    """Units read from one file, geometries in WGS84."""

    codes: list[str]
    names: list[str]
    parent_codes: list[str | None]
    geometries: np.ndarray  # shapely Polygons / MultiPolygons
    areas_km2: np.ndarray
    source_crs: str
    repaired: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.codes)

    def checksum(self) -> str:
        """A digest of the content, independent of feature order."""
        digest = hashlib.sha256()
        order = np.argsort(np.asarray(self.codes, dtype=object))
        wkb = shapely.to_wkb(self.geometries, hex=False)
        for i in order:
            digest.update(f"{self.codes[i]}\x1f{self.names[i]}\x1f{self.parent_codes[i]}\x1e".encode())
            digest.update(wkb[i])
        return digest.hexdigest()

    def geojson(self) -> list[str]:
        return [shapely.to_geojson(geometry) for geometry in self.geometries]


def geodesic_areas_km2(geometries: np.ndarray) -> np.ndarray:
    """Areas on the WGS84 ellipsoid, in km², of (multi)polygons in longitude/latitude: each
    polygon's outer ring less its holes, whichever way the rings turn.

    The rings' coordinates go to pyproj as arrays (``Geod.geometry_area_perimeter`` copies
    them point by point, most of the time of reading a whole country's gminas)."""
    geometries = np.asarray(geometries, dtype=object)
    areas = np.zeros(len(geometries))
    if not len(geometries):
        return areas
    parts, owner = shapely.get_parts(geometries, return_index=True)
    rings, ring_part = shapely.get_rings(parts, return_index=True)
    outer = np.ones(len(rings), dtype=bool)
    outer[1:] = ring_part[1:] != ring_part[:-1]
    xy, ring_of = shapely.get_coordinates(rings, return_index=True)
    starts = np.searchsorted(ring_of, np.arange(len(rings) + 1))
    for i in range(len(rings)):
        lon, lat = xy[starts[i]:starts[i + 1], 0], xy[starts[i]:starts[i + 1], 1]
        area = abs(_GEOD.polygon_area_perimeter(lon, lat)[0])
        areas[owner[ring_part[i]]] += area if outer[i] else -area
    return areas / 1e6


def _no_field(path: Path, name: str, fields: list[str], driver: str | None) -> None:
    if driver == "CSV":
        # A CSV's first row names the fields, or, when its header is missing, holds data.
        raise BoundaryFileError(path, N_("no such field; the first row must name the fields"),
                                field=name)
    raise BoundaryFileError(path, N_("no such field; the layer has: %(fields)s"),
                            {"fields": ", ".join(fields)}, field=name)


def _check_coordinates(path: Path, geometries: np.ndarray, codes: list[str], crs: CRS) -> None:
    """Refuse a feature with a coordinate that is not a finite number or, in a geographic
    CRS, not a longitude and latitude; a projected CRS is checked after transformation to
    WGS84, where a position outside its reach becomes infinite."""
    parts = shapely.get_coordinates(geometries, return_index=True)
    xy, owner = parts
    wrong = ~np.isfinite(xy).all(axis=1)
    if crs.is_geographic:
        wrong |= (np.abs(xy[:, 0]) > 360) | (np.abs(xy[:, 1]) > 90)
    if wrong.any():
        i = int(owner[np.flatnonzero(wrong)[0]])
        raise BoundaryFileError(
            path, N_("coordinates out of range for %(crs)s; give the file's CRS with --crs "
                     "EPSG:N or check the geometry"),
            {"crs": crs.to_string()}, feature=f"{i + 1} ({codes[i]})", field="geometry",
        )


def _to_wgs84(geometries: np.ndarray, source: CRS) -> np.ndarray:
    if source.equals(CRS.from_epsg(4326), ignore_axis_order=True):
        return shapely.transform(geometries, lambda xy: np.round(xy, DECIMALS))
    transformer = Transformer.from_crs(source, WGS84, always_xy=True)

    def project(xy: np.ndarray) -> np.ndarray:
        lon, lat = transformer.transform(xy[:, 0], xy[:, 1])
        return np.round(np.column_stack([lon, lat]), DECIMALS)

    return shapely.transform(geometries, project)


def _polygonal(geometry: shapely.Geometry) -> shapely.Geometry:
    """Keep the polygonal part of a repaired geometry (make_valid may add lines or points)."""
    if shapely.get_type_id(geometry) in (3, 6):
        return geometry
    parts = [g for g in shapely.get_parts(geometry) if shapely.get_type_id(g) in (3, 6)]
    polygons = [p for g in parts for p in shapely.get_parts(g)]
    if not polygons:
        return shapely.Polygon()
    return polygons[0] if len(polygons) == 1 else shapely.MultiPolygon(polygons)


def read_boundaries(
    path: Path | str,
    code_field: str,
    name_field: str,
    parent_field: str | None = None,
    crs: str | None = None,
    layer: str | None = None,
    encoding: str | None = None,
    where: str | None = None,
) -> Boundaries:
    """Read unit boundaries from a vector file.

    Parameters
    ----------
    path
        GeoPackage, Shapefile, GeoJSON or GML file.
    code_field, name_field, parent_field
        Attribute fields holding the unit's code, name and (optionally) its parent's code.
    crs
        The file's CRS when it declares none (or declares a wrong one), e.g. "EPSG:2180".
    layer
        Layer name for multi-layer files; the first layer otherwise.
    encoding
        Attribute encoding, when neither the file nor its bytes tell it.
    where
        An OGR SQL condition on the attributes: only the features matching it are read.

    Raises
    ------
    BoundaryFileError
        With the file, feature and field, for anything that prevents a faithful import:
        unknown layer or field, missing CRS, empty or duplicate codes, unusable geometries.
    """
    try:
        opened = open_layer(path, BoundaryFileError, layer, encoding)
        wanted = [f for f in (code_field, name_field, parent_field) if f]
        for name in wanted:
            if name not in opened.fields:
                _no_field(opened.path, name, opened.fields, opened.driver)
        source = opened.source_crs(crs)
        fields, wkb, values = opened.read(wanted, where)
    except UnicodeDecodeError:
        raise BoundaryFileError(
            path,
            N_(
                "the attributes are not in UTF-8; give their encoding with --encoding (e.g. cp1250)"
            ),
        ) from None
    except UserError:
        raise
    except Exception:  # pyogrio and GDAL on a file broken in ways they do not name
        raise BoundaryFileError(
            Path(path), N_("not a readable GeoPackage, Shapefile, GeoJSON or GML file")
        ) from None
    path = opened.path
    columns = dict(zip(fields, values))
    codes = [field_text(v) for v in columns[code_field]]
    names = [field_text(v) for v in columns[name_field]]
    parents: list[str | None] = (
        [field_text(v) or None for v in columns[parent_field]] if parent_field
        else [None] * len(codes)
    )
    geometries = _geometries(path, wkb, codes)

    seen: dict[str, int] = {}
    for i, code in enumerate(codes):
        if not code:
            raise BoundaryFileError(path, N_("empty code"), feature=i + 1, field=code_field)
        if code in seen:
            raise BoundaryFileError(
                path, N_("duplicate code %(code)s (also feature %(other)s)"),
                {"code": code, "other": seen[code] + 1}, feature=i + 1, field=code_field,
            )
        seen[code] = i
        if not names[i]:
            raise BoundaryFileError(path, N_("empty name"), feature=f"{i + 1} ({code})",
                                    field=name_field)

    repaired = []
    for i, geometry in enumerate(geometries):
        label = f"{i + 1} ({codes[i]})"
        if geometry is None or shapely.is_empty(geometry):
            raise BoundaryFileError(path, N_("the feature has no geometry"), feature=label,
                                    field="geometry")
        if shapely.get_type_id(geometry) not in (3, 6):
            raise BoundaryFileError(
                path, N_("a unit must be a polygon, not a %(kind)s"), {"kind": geometry.geom_type},
                feature=label, field="geometry",
            )
        if not shapely.is_valid(geometry):
            fixed = _polygonal(shapely.make_valid(geometry))
            if shapely.is_empty(fixed) or shapely.area(fixed) == 0:
                raise BoundaryFileError(
                    path, N_("broken geometry that cannot be repaired (%(reason)s)"),
                    {"reason": shapely.is_valid_reason(geometry)}, feature=label, field="geometry",
                )
            geometries[i] = fixed
            repaired.append(codes[i])

    _check_coordinates(path, geometries, codes, source)
    geometries = _to_wgs84(geometries, source)
    _check_coordinates(path, geometries, codes, CRS.from_epsg(4326))
    return Boundaries(codes, names, parents, geometries, geodesic_areas_km2(geometries),
                      source.to_string(), repaired)


def _geometries(path: Path, wkb: np.ndarray, codes: list[str]) -> np.ndarray:
    """The features' geometries; GEOS refuses some GDAL hands over (a ring whose ends
    differ, as after a NaN), which are named by their feature."""
    try:
        return shapely.from_wkb(wkb)
    except shapely.errors.GEOSException:
        for i, one in enumerate(wkb):
            try:
                shapely.from_wkb(one)
            except shapely.errors.GEOSException as exc:
                raise BoundaryFileError(
                    path, N_("broken geometry that cannot be repaired (%(reason)s)"),
                    {"reason": str(exc).split(": ", 1)[-1]}, feature=f"{i + 1} ({codes[i]})",
                    field="geometry",
                ) from None
        raise

