"""Opening vector files (GeoPackage, Shapefile, GeoJSON, GML, zipped or not): the one
opener of boundaries (core/boundaries.py) and point layers (core/accessibility/points.py).

Files are read with pyogrio (GDAL in the wheel). An opened layer knows its fields, driver
and declared CRS before any feature is read; every failure of the file becomes a
:class:`~kooperacja.core.errors.UserError` of the reader's kind, naming the file.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyogrio
import pyogrio.errors
import pyogrio.raw
from pyproj import CRS
from pyproj.exceptions import CRSError

from kooperacja.core.encodings import detect_polish_encoding
from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.core.limits import check_archive

VECTOR_SUFFIXES = (".gpkg", ".shp", ".geojson", ".json", ".gml", ".zip")
_GDAL_ERRORS = (pyogrio.errors.DataLayerError, pyogrio.errors.DataSourceError)


def is_vector_file(path: Path | str) -> bool:
    return Path(path).suffix.lower() in VECTOR_SUFFIXES


@dataclass(frozen=True)
class VectorLayer:
    """One layer of a vector file, opened: its fields, GDAL driver and declared CRS."""

    path: Path
    layer: str | None
    encoding: str | None
    fields: list[str]
    driver: str | None
    crs: str | None
    error: type[UserError]

    def read(
        self, columns: list[str] | None = None, where: str | None = None,
    ) -> tuple[list[str], np.ndarray, list[np.ndarray]]:
        """The features' fields (``columns``, else all), WKB geometries and values; only
        the features matching ``where`` (an OGR SQL condition) when given."""
        try:
            meta, _, wkb, values = pyogrio.raw.read(
                self.path, layer=self.layer, columns=columns, encoding=self.encoding,
                where=where)
        except _GDAL_ERRORS as exc:
            raise self.error(self.path, N_("cannot read the layer: %(error)s"),
                             {"error": exc}) from None
        return list(meta["fields"]), wkb, list(values)

    def source_crs(self, given: str | None) -> CRS:
        """The CRS the coordinates are in: ``given`` (a person's --crs) over the declared one;
        an error of the reader's kind when there is neither or it is unknown."""
        text = given or self.crs
        if not text:
            raise self.error(self.path, N_("the file declares no coordinate reference system "
                                           "(CRS); give it with --crs EPSG:N (e.g. --crs "
                                           "EPSG:2180)"))
        try:
            return CRS.from_user_input(text)
        except CRSError:
            raise self.error(
                self.path, N_("unknown coordinate reference system %(crs)s; give it as EPSG:N"),
                {"crs": text},
            ) from None


def open_layer(
    path: Path | str, error: type[UserError], layer: str | None = None,
    encoding: str | None = None,
) -> VectorLayer:
    """Open ``layer`` (the first when None) of the vector file at ``path``, its attributes
    in ``encoding`` (when neither the file nor its bytes tell it). Raises ``error`` for a
    missing or unreadable file, an archive over the limits or an unknown layer."""
    path = Path(path)
    if not path.exists():
        raise error(path, N_("file not found"))
    if zipfile.is_zipfile(path):
        check_archive(path)
    try:
        layers = [name for name, _ in pyogrio.list_layers(path)]
    except Exception:  # DataSourceError, or whatever GDAL's drivers make of a broken file
        raise error(path, N_("not a readable GeoPackage, Shapefile, GeoJSON or GML file")) from None
    if layer is not None and layer not in layers:
        raise error(path, N_("no layer %(layer)s; the file has: %(layers)s (use --layer)"),
                    {"layer": layer, "layers": ", ".join(layers)})
    encoding = encoding or shapefile_encoding(path)
    try:
        info = pyogrio.read_info(path, layer=layer, encoding=encoding)
    except _GDAL_ERRORS as exc:
        raise error(path, N_("cannot read the layer: %(error)s"), {"error": exc}) from None
    return VectorLayer(path, layer, encoding, list(info["fields"]), info.get("driver"),
                       info["crs"], error)


def shapefile_encoding(path: Path) -> str | None:
    """For a Shapefile without a .cpg, guess the .dbf encoding from its bytes."""
    if path.suffix.lower() != ".shp":
        return None
    if any(path.with_suffix(ext).exists() for ext in (".cpg", ".CPG")):
        return None
    dbf = next((p for p in (path.with_suffix(".dbf"), path.with_suffix(".DBF")) if p.exists()),
               None)
    if dbf is None:
        return None
    encoding = detect_polish_encoding(dbf.read_bytes()[:1_000_000])
    return None if encoding.startswith("utf-8") else encoding


def field_text(value: object) -> str:
    """An attribute value as text: empty for null or NaN, whole floats without ".0"."""
    if value is None:
        return ""
    if isinstance(value, float):
        if np.isnan(value):
            return ""
        if value.is_integer():
            return str(int(value))
    return str(value).strip()
