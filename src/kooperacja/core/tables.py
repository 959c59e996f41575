"""Reading tabular files (CSV in any of the encodings offices use, XLSX) row by row."""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kooperacja.core.encodings import detect_polish_encoding, sniff_separator
from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_

SAMPLE_BYTES = 256 * 1024


class TableError(UserError):
    """A table that cannot be read as given."""


def header_key(text: str) -> str:
    """A header compared regardless of case, diacritics (ł too), spacing and punctuation."""
    text = text.replace("ł", "l").replace("Ł", "L")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return "".join(ch for ch in text.lower() if ch.isalnum())


@dataclass
class Table:
    """A header and a stream of rows; ``row`` numbers count from 1 at the header line."""

    path: Path
    header: list[str]
    rows: Iterator[tuple[int, list[str]]]
    encoding: str | None = None

    def column(self, *names: str, required: bool = True) -> int | None:
        """Index of the first column whose header matches one of ``names``."""
        keys = [header_key(h) for h in self.header]
        for name in names:
            if header_key(name) in keys:
                return keys.index(header_key(name))
        if required:
            raise TableError(
                self.path, N_("missing column %(column)s; the file has: %(header)s"),
                {"column": names[0], "header": "; ".join(self.header)},
            )
        return None


def read_table(path: Path | str, encoding: str | None = None) -> Table:
    """Open a CSV (UTF-8 with or without BOM, Windows-1250, ISO-8859-2; ';' or ',') or XLSX."""
    path = Path(path)
    if not path.exists():
        raise TableError(path, N_("file not found"))
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    with path.open("rb") as fh:
        sample = fh.read(SAMPLE_BYTES)
    encoding = encoding or detect_polish_encoding(sample)
    if encoding == "utf-8" and sample.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    lines = sample.decode(encoding, errors="replace").splitlines()[:20]
    delimiter = sniff_separator(lines)
    return Table(path, *_csv_rows(path, encoding, delimiter), encoding=encoding)


def data_rows(path: Path | str) -> int | None:
    """About how many rows follow a CSV's header (its lines, less one), for a progress bar;
    None for a workbook."""
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return None
    lines = 0
    with path.open("rb") as fh:
        while block := fh.read(1 << 22):
            lines += block.count(b"\n")
    return max(lines - 1, 0)


def _csv_rows(path: Path, encoding: str, delimiter: str) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    handle = io.open(path, encoding=encoding, newline="", errors="strict")
    reader = csv.reader(handle, delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        handle.close()
        raise TableError(path, N_("the file is empty")) from None
    except UnicodeDecodeError:
        handle.close()
        raise TableError(path, N_("the file is not in %(encoding)s; give the right one with --encoding"),
                         {"encoding": encoding}) from None

    def rows() -> Iterator[tuple[int, list[str]]]:
        with handle:
            try:
                for number, row in enumerate(reader, start=2):
                    if any(cell.strip() for cell in row):
                        yield number, [cell.strip() for cell in row]
            except UnicodeDecodeError:
                raise TableError(path, N_("the file is not in %(encoding)s; give the right one "
                                          "with --encoding"), {"encoding": encoding},
                                 row=reader.line_num) from None

    return header, rows()


def _read_xlsx(path: Path) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise TableError(path, N_("not a readable XLSX workbook")) from None
    sheet = workbook.worksheets[0]
    values = sheet.iter_rows(values_only=True)
    try:
        header = [_cell(v) for v in next(values)]
    except StopIteration:
        workbook.close()
        raise TableError(path, N_("the file is empty")) from None

    def rows() -> Iterator[tuple[int, list[str]]]:
        try:
            for number, row in enumerate(values, start=2):
                cells = [_cell(v) for v in row]
                if any(cells):
                    yield number, cells
        finally:
            workbook.close()

    return Table(path, header, rows())


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()
