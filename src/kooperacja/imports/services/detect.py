"""What the wizard tells about an uploaded file before anything is mapped: its format,
encoding, separator, layer and CRS, found by the readers the imports use, and its first
rows with any column that looks personal masked."""

from __future__ import annotations

import itertools
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pyogrio

from kooperacja.core.errors import UserError
from kooperacja.core.prg import read_addresses
from kooperacja.core.prg.sources import open_sources
from kooperacja.core.tables import (
    cell_text,
    csv_head,
    detect_encoding,
    header_key,
    is_workbook,
    read_table,
)
from kooperacja.core.vectors import field_text, is_vector_file, open_layer

PREVIEW_ROWS = 10
MASK = "•••"
# Headers that look like a person's data (PESEL, first name, surname, address): never
# expected in these kinds of file, masked all the same (compared as header_key gives them).
PERSONAL = ("pesel", "imie", "imiona", "nazwisk", "firstname", "surname", "lastname",
            "adres", "address", "osoba", "person")
# The register's columns the preview shows (of core/prg's AddressChunk).
REGISTER_FIELDS = ("source_id", "teryt_gmina", "locality", "street", "number", "postcode",
                   "x", "y")
VECTOR_FORMATS = {".gpkg": "GeoPackage", ".shp": "Shapefile", ".geojson": "GeoJSON",
                  ".json": "GeoJSON", ".gml": "GML", ".zip": "ZIP"}


def is_personal(header: str) -> bool:
    key = header_key(header)
    return any(word in key for word in PERSONAL)


@dataclass
class Detection:
    """What the readers found; ``rows`` are the first rows, personal columns masked."""

    format: str
    fields: list[str]
    rows: list[list[str]]
    masked: list[str] = field(default_factory=list)
    encoding: str | None = None
    separator: str | None = None
    layer: str | None = None
    layers: list[str] = field(default_factory=list)
    crs: str | None = None
    features: int | None = None

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def _masked(header: list[str], rows: list[list[str]]) -> tuple[list[list[str]], list[str]]:
    hidden = [i for i, h in enumerate(header) if is_personal(h)]
    out = []
    for row in rows:
        row = row + [""] * (len(header) - len(row))
        out.append([MASK if i in hidden else cell for i, cell in enumerate(row[:len(header)])])
    return out, [header[i] for i in hidden]


def detect_vector(path: Path, layer: str | None = None) -> Detection:
    """A vector file's layer (the first unless ``layer``), fields, CRS and first features."""
    opened = open_layer(path, UserError, layer)
    layers = [name for name, _ in pyogrio.list_layers(opened.path)]
    chosen = layer or (layers[0] if layers else None)
    info = pyogrio.read_info(opened.path, layer=chosen, encoding=opened.encoding)
    try:
        meta, _, _, values = pyogrio.raw.read(opened.path, layer=chosen, read_geometry=False,
                                              max_features=PREVIEW_ROWS,
                                              encoding=opened.encoding)
        names = list(meta["fields"])
        rows = [[field_text(column[i]) for column in values]
                for i in range(len(values[0]) if values else 0)]
    except Exception:  # a preview that cannot be read is no reason to stop: the import says
        names, rows = opened.fields, []
    rows, masked = _masked(names, rows)
    return Detection(
        format=VECTOR_FORMATS.get(path.suffix.lower(), opened.driver or "?"),
        fields=names, rows=rows, masked=masked, encoding=info.get("encoding"),
        layer=chosen, layers=layers, crs=opened.crs, features=int(info.get("features") or 0),
    )


def detect_table(path: Path) -> Detection:
    """A CSV's encoding and separator, or a workbook; the header and first rows."""
    encoding = separator = None
    if not is_workbook(path):
        encoding = detect_encoding(path)
        separator = csv_head(path, encoding, 20)[1]
    table = read_table(path, encoding)
    rows = [cells for _, cells in itertools.islice(table.rows, PREVIEW_ROWS)]
    rows, masked = _masked(table.header, rows)
    return Detection(format="XLSX" if is_workbook(path) else "CSV", fields=table.header,
                     rows=rows, masked=masked, encoding=encoding, separator=separator)


def detect_register(path: Path) -> Detection:
    """The register's sources (GML, CSV, ZIP): their formats, as its importer reads them."""
    sources = open_sources(path, None)
    formats = sorted({f for _, f in sources})
    fields: list[str] = []
    rows: list[list[str]] = []
    if formats == ["csv"]:
        # The converted CSV's first points (GML is read by forked workers: not in a
        # web request; its points show in the dry run).
        first = next(read_addresses(path, "csv", chunk_size=PREVIEW_ROWS), None)
        if first is not None:
            fields = list(REGISTER_FIELDS)
            columns = first.as_dict()
            rows = [[cell_text(columns[f][i]) for f in fields] for i in range(len(first))]
    return Detection(format=", ".join(formats) or "?", fields=fields, rows=rows)


# The TERC entries' fields the preview shows (of core/teryt's TercEntry).
TERC_FIELDS = ("code", "name", "kind", "valid_on")


def detect_terc(path: Path) -> Detection:
    """The TERC register (XML or CSV), read by its importer's reader: its first entries."""
    from kooperacja.core.teryt import read_terc

    entries = read_terc(path)
    return Detection(format="XML" if path.suffix.lower() == ".xml" else "CSV",
                     fields=list(TERC_FIELDS), features=len(entries),
                     rows=[[e.code, e.name, e.kind, e.valid_on.isoformat()]
                           for e in entries[:PREVIEW_ROWS]])


def detect(path: Path, kind: str) -> Detection:
    """What ``path`` is, for a file of ``kind`` (a :class:`~kooperacja.imports.models.Kind`)."""
    if kind == "terc":
        return detect_terc(path)
    if kind == "addresses":
        return detect_register(path)
    if kind == "boundaries" or (is_vector_file(path) and path.suffix.lower() != ".json"):
        return detect_vector(path)
    return detect_table(path)
