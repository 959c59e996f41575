"""The one writer of every export: CSV, XLSX, GeoJSON and GeoPackage files of the command
line's ``--out`` and the web's downloads.

A CSV comes in two dialects, chosen in one place (:class:`Dialect`): the machine's (``,``
between columns, a decimal point, ``True``/``False``; as it always was) and Polish Excel's
(UTF-8 with a byte-order mark, ``;`` between columns, decimal commas, ``tak``/``nie``),
asked for with ``excel=1`` on a page and ``--excel`` on a command (docs/catalogue.md,
"Exports for offices"). In every format a whole number is written without ``.0`` (a count
kept as a float is still a count).

Each export carries its provenance (program, version, time of export, and what the caller
says it was made from: institutions, periods, versions and times of its inputs, never a
file name), neutralises cells a spreadsheet would run as a formula, and is written down in
the audit log (who, what, how many rows).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import numpy as np

from kooperacja import __version__
from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.records.services.audit import record_event

FORMATS = (".csv", ".xlsx", ".geojson", ".gpkg")
METADATA_KEY = "kooperacja"
# What Excel, LibreOffice and Google Sheets read as the start of a formula (OWASP's list).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A number written as text starts with a sign and runs nothing; it stays as written.
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?(?:[eE][+-]?\d+)?")

Row = Mapping[str, Any]
CONTENT_TYPES = {".csv": "text/csv; charset=utf-8", ".geojson": "application/geo+json",
                 ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@dataclass(frozen=True)
class Dialect:
    """How a CSV is written: its separator, decimal mark, booleans and byte-order mark."""

    name: str
    separator: str
    decimal: str
    booleans: tuple[str, str] | None  # (true, false) as words, or None: Python's True/False
    bom: bool

    def cell(self, value: Any) -> Any:
        """One value as this dialect writes it (formulas neutralised)."""
        value = whole(value)
        if value is None:
            return ""
        if isinstance(value, bool):
            return value if self.booleans is None else self.booleans[not value]
        if isinstance(value, float) and self.decimal != ".":
            return repr(value).replace(".", self.decimal)
        return neutralise(value)


# What programs read (and what every export wrote before the Excel dialect came).
MACHINE = Dialect("machine", ",", ".", None, False)
# What Polish Excel opens with a double click: its list separator is ";", its decimal
# mark ",", and without the byte-order mark it reads UTF-8 as Windows-1250.
EXCEL = Dialect("excel", ";", ",", ("tak", "nie"), True)


def dialect(excel: bool) -> Dialect:
    return EXCEL if excel else MACHINE


def whole(value: Any) -> Any:
    """A float that holds a whole number as an int (``3635.0`` → ``3635``), NumPy's
    numbers as Python's; anything else as it is."""
    value = _plain(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


@dataclass
class Export:
    """What one export holds.

    ``name`` says what is exported, for the audit log (``counts``, ``resources``);
    ``rows`` are mappings of ``columns``; ``provenance`` is the caller's part of the
    metadata (parameters, inputs); ``detail`` goes to the audit log only.
    ``geometries`` (GeoJSON text by the value of ``key``) are needed for GeoJSON and
    GeoPackage.
    """

    name: str
    columns: Sequence[str]
    rows: Iterable[Row] | Iterable[Sequence[Any]]
    provenance: dict[str, Any] = field(default_factory=dict)
    detail: dict[str, Any] = field(default_factory=dict)
    geometries: Mapping[Any, str] | None = None
    key: str = "unit_code"
    layer: str = "export"

    def metadata(self) -> dict[str, Any]:
        return {"program": "kooperacja", "version": __version__,
                "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                **self.provenance}


def neutralise(value: Any) -> Any:
    """``value``, with a leading apostrophe when it is text a spreadsheet would read as a
    formula (starting with =, +, -, @, a tab or a carriage return) and not a plain number;
    numbers stay numbers."""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_START)
        and not _PLAIN_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def output_format(path: Path | str, formats: Sequence[str] = FORMATS) -> str:
    """The format a file name asks for (``.json`` is GeoJSON), or a :class:`UserError`."""
    suffix = Path(path).suffix.lower()
    if suffix == ".json":
        suffix = ".geojson"
    if suffix not in formats:
        raise UserError(path, N_("write %(formats)s (the name's ending picks the format)"),
                        {"formats": ", ".join(formats)})
    return suffix


def sidecar(path: Path | str) -> Path:
    """Where the metadata of a CSV goes: FILE.csv → FILE.csv.meta.json."""
    path = Path(path)
    return path.with_name(path.name + ".meta.json")


def write_export(path: Path | str, export: Export, user: Any | None = None,
                 formats: Sequence[str] = FORMATS, excel: bool = False) -> int:
    """Write ``export`` in the format ``path``'s ending asks for; the number of rows.

    A CSV gets its metadata in ``FILE.csv.meta.json``, a workbook in a second sheet, a
    GeoJSON in its ``metadata`` member, a GeoPackage in the layer's metadata. ``excel``
    writes a CSV in Polish Excel's dialect (:data:`EXCEL`).
    """
    path = Path(path)
    kind = output_format(path, formats)
    if not path.parent.is_dir():
        raise UserError(path, N_("the folder does not exist; create it or give another --out"))
    metadata = export.metadata()
    style = dialect(excel)
    if kind == ".csv":
        with path.open("w", newline="", encoding="utf-8") as fh:
            if style.bom:
                fh.write("\ufeff")
            count = _write_csv(fh, export, style)
        sidecar(path).write_text(_json(metadata, indent=2), encoding="utf-8")
    elif kind == ".xlsx":
        count = _write_xlsx(path, export, metadata)
    elif kind == ".geojson":
        body = geojson(export, metadata)
        count = len(body["features"])
        path.write_text(_json(body), encoding="utf-8")
    else:
        count = _write_gpkg(path, export, metadata)
    _audit(export, user, kind, count, style if kind == ".csv" else MACHINE)
    return count


def csv_download(export: Export, user: Any | None = None,
                 excel: bool = False) -> tuple[bytes, str]:
    """A CSV for the browser (UTF-8 with a byte-order mark, which Excel needs to read Polish
    letters; in Excel's dialect with ``excel``) and its metadata as one line of JSON, for a
    response header."""
    body, count = table_bytes(export, "csv", excel)
    _audit(export, user, ".csv", count, dialect(excel))
    return body, json.dumps(export.metadata(), default=str)


def xlsx_download(export: Export, user: Any | None = None) -> bytes:
    """A workbook for the browser: the rows, and the metadata in a second sheet."""
    body, count = table_bytes(export, "xlsx")
    _audit(export, user, ".xlsx", count)
    return body


def table_bytes(export: Export, kind: str, excel: bool = False) -> tuple[bytes, int]:
    """A CSV (with a byte-order mark) or a workbook in memory and its number of rows,
    not audited: for a caller that audits the export in its own words (the audit log's
    download records its event before it reads the events)."""
    if kind == "xlsx":
        out = io.BytesIO()
        count = _write_xlsx(out, export, export.metadata())
        return out.getvalue(), count
    text = io.StringIO()
    text.write("\ufeff")
    count = _write_csv(text, export, dialect(excel))
    return text.getvalue().encode("utf-8"), count


def download(export: Export, user: Any | None, kind: str,
             excel: bool = False) -> tuple[bytes, str]:
    """The body and content type of a page's download in format ``kind`` (``csv``,
    ``xlsx`` or ``geojson``, which the page has checked; ``excel`` for Polish Excel's
    CSV): every page's table download goes through here."""
    if kind == "csv":
        body = csv_download(export, user, excel)[0]
    elif kind == "xlsx":
        body = xlsx_download(export, user)
    elif kind == "geojson":
        body = geojson_download(export, user)
    else:  # the page checked its format parameter
        raise ValueError(f"no download in format {kind!r}")
    return body, CONTENT_TYPES["." + kind]


def wants_excel(query: Mapping[str, str]) -> bool:
    """Whether a page's query asks for Polish Excel's CSV (``excel=1``)."""
    return query.get("excel", "") in ("1", "true", "tak", "yes", "on")


def geojson_download(export: Export, user: Any | None = None) -> bytes:
    """A GeoJSON FeatureCollection with its metadata, for the browser."""
    body = geojson(export, export.metadata())
    _audit(export, user, ".geojson", len(body["features"]))
    return _json(body).encode("utf-8")


def geojson(export: Export, metadata: dict[str, Any]) -> dict[str, Any]:
    """A FeatureCollection of the rows that have a geometry (a GIS format: values as
    they are)."""
    if export.geometries is None:
        raise UserError(None, N_("this export has no geometries; write .csv or .xlsx"))
    features = []
    for row in _mappings(export):
        shape = export.geometries.get(row[export.key])
        if shape is None:
            continue
        features.append({
            "type": "Feature", "geometry": json.loads(shape),
            "properties": {c: _plain(row.get(c)) for c in export.columns},
        })
    return {"type": "FeatureCollection", "metadata": metadata, "features": features}


def _write_csv(handle: Any, export: Export, style: Dialect = MACHINE) -> int:
    writer = csv.writer(handle, delimiter=style.separator)
    writer.writerow([neutralise(c) for c in export.columns])
    count = 0
    for row in export.rows:
        writer.writerow([style.cell(v) for v in _cells(row, export.columns)])
        count += 1
    return count


def _cells(row: Row | Sequence[Any], columns: Sequence[str]) -> list[Any]:
    """A row's values in the order of ``columns``: a mapping by name, a sequence as it is
    (a file's own columns may repeat a name)."""
    if isinstance(row, Mapping):
        return [_plain(row.get(c)) for c in columns]
    return [_plain(v) for v in row]


def _plain(value: Any) -> Any:
    """NumPy's numbers as Python's, so they are written as numbers."""
    return value.item() if isinstance(value, np.generic) else value


def _write_xlsx(path: Path | io.BytesIO, export: Export, metadata: dict[str, Any]) -> int:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(export.layer)
    sheet.append([neutralise(c) for c in export.columns])
    count = 0
    for row in export.rows:
        sheet.append([_xlsx_cell(v) for v in _cells(row, export.columns)])
        count += 1
    about = workbook.create_sheet("metadata")
    for name, value in metadata.items():
        about.append([name, neutralise(value if isinstance(value, str | int | float)
                                       else _json(value))])
    workbook.save(path)
    return count


def _xlsx_cell(value: Any) -> Any:
    value = whole(value)
    if value is None or isinstance(value, bool | int | float):
        return value
    # Typed as text, so a workbook never evaluates it; the apostrophe shows why it is text.
    return neutralise(str(value))


def _write_gpkg(path: Path, export: Export, metadata: dict[str, Any]) -> int:
    import shapely
    from pyogrio.raw import write

    if export.geometries is None:
        raise UserError(path, N_("this export has no geometries; write .csv or .xlsx"))
    rows = [row for row in _mappings(export) if export.geometries.get(row[export.key]) is not None]
    geoms = shapely.from_geojson([export.geometries[row[export.key]] for row in rows])
    arrays = [_column([_plain(row.get(c)) for row in rows]) for c in export.columns]
    if path.exists():
        path.unlink()
    write(
        path, shapely.to_wkb(geoms), arrays, list(export.columns), driver="GPKG",
        geometry_type="Unknown", crs="EPSG:4326", layer=export.layer, promote_to_multi=True,
        layer_metadata={METADATA_KEY: _json(metadata)},
    )
    return len(rows)


def _column(values: list[Any]) -> np.ndarray:
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, bool | int | float) for v in present):
        return np.array([np.nan if v is None else float(v) for v in values])
    return np.array(["" if v is None else str(v) for v in values], dtype=object)


def read_gpkg_metadata(path: Path | str, layer: str | None = None) -> dict[str, Any]:
    """The metadata a GeoPackage written here carries."""
    from pyogrio import read_info

    info = read_info(path, layer=layer)
    metadata: dict[str, Any] = json.loads(info["layer_metadata"][METADATA_KEY])
    return metadata


def _mappings(export: Export) -> Iterable[Row]:
    """The rows of an export with geometries: mappings, each with ``export.key``."""
    return cast(Iterable[Row], export.rows)


def active_submissions(period: str, institution: Any | None = None) -> list[Any]:
    """The submissions a period's records and counts come from (of one institution)."""
    from kooperacja.records.models import Submission

    found = Submission.objects.active(period, institution)
    return list(found.select_related("institution").order_by("pk"))


def submission_provenance(submissions: Iterable[Any]) -> list[dict[str, Any]]:
    """What an export says of each submission it comes from: institution, period, version
    (the submission's number) and when it was imported; never its file's name, which
    offices choose after their clients."""
    return [
        {"id": s.pk, "institution": s.institution.code, "period": s.period, "version": s.pk,
         "imported": s.finished_at.isoformat() if s.finished_at else None}
        for s in submissions
    ]


def _json(value: Any, indent: int | None = None) -> str:
    return json.dumps(value, ensure_ascii=False, indent=indent, default=str)


def _audit(export: Export, user: Any | None, kind: str, count: int,
           style: Dialect = MACHINE) -> None:
    detail = {**export.detail, "format": kind.lstrip("."), "rows": count}
    if style is not MACHINE:
        detail["dialect"] = style.name
    record_event(user, "export", export.name, detail)
