"""Reading extracts: CSV in UTF-8, Windows-1250 or ISO-8859-2 and XLSX, streamed in
chunks of rows with their row numbers.

Every value comes out as a stripped string ('' when empty), so a PESEL keeps its leading
zero; numbers and dates are read by the validator. Row numbers count the header as row 1,
as a spreadsheet shows them.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import load_workbook

from .. import limits
from ..encodings import polish_8bit_encoding, sniff_separator
from ..errors import UserError
from ..errors import gettext_noop as N_
from ..tables import TableError, check_workbook
from .layouts import Layout, LayoutError, match_columns

CHUNK_ROWS = 100_000
_BLOCK = 1 << 20
_HEADER_SEARCH_ROWS = 10
_XLSX_SUFFIXES = {".xlsx", ".xlsm"}
# A cell starting or ending in whitespace, in a column joined with NUL.
_SPACE_AT_ENDS = re.compile(r"(?:^|\x00)\s|\s(?:\x00|$)")

class ReadError(UserError):
    """A file we cannot read as asked; the message names the file and what to try."""


def detect_encoding(path: Path) -> str:
    """The encoding of a CSV file: 'utf-8-sig' (BOM), 'utf-16' (BOM), 'utf-8',
    'cp1250' or 'iso-8859-2'.

    A file that decodes as UTF-8 is UTF-8. Otherwise the one-byte encoding is chosen by
    which of the two yields more Polish letters: they differ only in ą ś ź Ą Ś Ź. With
    none of those six (or a tie) Windows-1250 is chosen, which then decodes identically.
    """
    with path.open("rb") as f:
        start = f.read(4)
        if start.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        f.seek(0)
        counts = np.zeros(256, dtype=np.int64)
        utf8 = codecs.getincrementaldecoder("utf-8")()
        is_utf8 = True
        while block := f.read(_BLOCK):
            counts += np.bincount(np.frombuffer(block, dtype=np.uint8), minlength=256)
            if is_utf8:
                try:
                    utf8.decode(block)
                except UnicodeDecodeError:
                    is_utf8 = False
    if is_utf8:
        try:
            utf8.decode(b"", final=True)
            return "utf-8"
        except UnicodeDecodeError:
            pass
    return polish_8bit_encoding(counts)


@dataclass
class Extract:
    """An opened extract: where our fields are and how the file is written.

    ``columns`` maps each field found to the file's header for it (used in messages);
    :meth:`chunks` streams the rows.
    """

    path: Path
    layout: Layout
    columns: dict[str, str]
    encoding: str | None
    separator: str | None
    header_row: int
    _positions: dict[str, int] = field(repr=False)

    def chunks(self, rows: int = CHUNK_ROWS) -> Iterator[pd.DataFrame]:
        """DataFrames of at most ``rows`` rows: a ``row`` column (int) and one string
        column per field found. Rows with every field empty are skipped."""
        if self.encoding is None:
            yield from self._xlsx_chunks(rows)
        else:
            yield from self._csv_chunks(rows)

    def _csv_chunks(self, rows: int) -> Iterator[pd.DataFrame]:
        names = {i: name for name, i in self._positions.items()}
        reader = pd.read_csv(
            self.path,
            sep=self.separator,
            encoding=self.encoding,
            header=None,
            skiprows=self.header_row,
            usecols=sorted(names),
            dtype=str,
            na_filter=False,
            keep_default_na=False,
            skip_blank_lines=False,
            chunksize=rows,
            engine="c",
        )
        first_row = self.header_row + 1
        try:
            for chunk in reader:
                chunk = chunk.rename(columns=names)
                yield _finish(self._checked(chunk), first_row + chunk.index.to_numpy())
        except UnicodeDecodeError as e:
            raise ReadError(
                self.path, N_("the file is not valid %(encoding)s (byte %(byte)s of a block). "
                              "Save it again as UTF-8, or give the encoding it was saved in "
                              "(--encoding cp1250 or iso-8859-2)."),
                {"encoding": self.encoding, "byte": e.start},
            ) from None
        except pd.errors.ParserError as e:
            raise ReadError(self.path, N_("the CSV is malformed: %(error)s"),
                            {"error": str(e)}) from None

    def _checked(self, chunk: pd.DataFrame) -> pd.DataFrame:
        """``chunk``, or a :class:`TableError` naming the first cell longer than a
        spreadsheet cell can be (a file that is not a table, or quotes never closed)."""
        for name in chunk.columns:
            long = np.flatnonzero(chunk[name].str.len().to_numpy() > limits.MAX_CELL_CHARS)
            if len(long):
                raise TableError(self.path, N_("the cell is longer than %(limit)s characters; "
                                               "check the quotes (\") before it"),
                                 {"limit": limits.MAX_CELL_CHARS},
                                 row=self.header_row + 1 + int(chunk.index[long[0]]),
                                 field=self.columns[name])
        return chunk

    def _xlsx_chunks(self, rows: int) -> Iterator[pd.DataFrame]:
        workbook = load_workbook(self.path, read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            items = list(self._positions.items())
            pesel_at = self._positions.get("pesel")
            numbers: list[int] = []
            values: list[list[str]] = []
            start = number = self.header_row + 1
            cells = sheet.iter_rows(min_row=start, values_only=True)
            while True:
                try:
                    row = next(cells)
                except StopIteration:
                    break
                except Exception:  # a cell openpyxl cannot read ("x" as a number, …)
                    raise ReadError(self.path, N_("not a readable XLSX workbook"),
                                    row=number) from None
                numbers.append(number)
                values.append([_cell(row, i, i == pesel_at) for _, i in items])
                number += 1
                if len(values) == rows:
                    yield _finish(pd.DataFrame(values, columns=[n for n, _ in items]), numbers)
                    numbers, values = [], []
            if values:
                yield _finish(pd.DataFrame(values, columns=[n for n, _ in items]), numbers)
        finally:
            workbook.close()


def _finish(chunk: pd.DataFrame, rows: object) -> pd.DataFrame:
    fields = list(chunk.columns)
    for name in fields:
        # Stripping costs a Python call a cell; most columns have nothing to strip,
        # which one search over the joined column tells (\s is what str.strip strips).
        if _SPACE_AT_ENDS.search("\x00".join(chunk[name].tolist())):
            chunk[name] = chunk[name].str.strip()
    chunk.insert(0, "row", np.asarray(rows, dtype=np.int64))
    empty = (chunk[fields] == "").all(axis=1)
    return chunk[~empty].reset_index(drop=True)


def _cell(row: tuple[object, ...], i: int, is_pesel: bool) -> str:
    value = row[i] if i < len(row) else None
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        # Excel stores a PESEL typed as a number without its leading zero.
        return f"{value:011d}" if is_pesel and 0 <= value < 10**11 else str(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def open_extract(
    path: Path,
    layout: Layout,
    *,
    encoding: str | None = None,
    mapping: Mapping[str, str] | None = None,
) -> Extract:
    """Open an extract and find its columns.

    The header is the first of the first ten rows that fits the layout, so title lines
    above it are skipped. ``encoding`` overrides detection for CSV. Raises
    :class:`~kooperacja.core.submissions.layouts.LayoutError` when columns are missing
    and :class:`ReadError` when the file cannot be read.
    """
    path = Path(path)
    if path.suffix.lower() in _XLSX_SUFFIXES:
        check_workbook(path)
        head, enc, sep = _xlsx_head(path), None, None
    else:
        enc = encoding or detect_encoding(path)
        head, sep = _csv_head(path, enc)
    positions, header_row = _find_header(head, layout, mapping, path.name)
    header = head[header_row - 1]
    columns = {name: str(header[i]).strip() for name, i in positions.items()}
    return Extract(path, layout, columns, enc, sep, header_row, positions)


def _find_header(
    head: list[list[str]], layout: Layout, mapping: Mapping[str, str] | None, source: str
) -> tuple[dict[str, int], int]:
    if not head:
        raise ReadError(source, N_("the file is empty."))
    first_error: LayoutError | None = None
    for number, row in enumerate(head, 1):
        if not any(str(v).strip() for v in row):
            continue
        try:
            return match_columns(row, layout, mapping, source=source), number
        except LayoutError as e:
            first_error = first_error or e
    assert first_error is not None
    raise first_error


def _csv_head(path: Path, encoding: str) -> tuple[list[list[str]], str]:
    with path.open("rb") as f:
        limits.check_text(path, f.read(limits.SNIFF_BYTES))
    try:
        with path.open(encoding=encoding, newline="") as f:
            text = f.read(256 * 1024)
    except (UnicodeDecodeError, LookupError) as e:
        raise ReadError(
            path, N_("cannot be read as %(encoding)s (%(error)s). Give the encoding the file was "
                     "saved in (--encoding utf-8, cp1250 or iso-8859-2), or leave it out to have "
                     "it detected."),
            {"encoding": encoding, "error": e.__class__.__name__},
        ) from None
    lines = text.splitlines()[:_HEADER_SEARCH_ROWS]
    sep = sniff_separator(lines)
    try:
        rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=sep))
    except csv.Error:
        raise TableError(path, N_("a cell among the first lines is too long or its quotes (\") "
                                  "are not closed")) from None
    return rows, sep


def _xlsx_head(path: Path) -> list[list[str]]:
    # openpyxl raises many kinds for a file that is not XLSX, or a cell it cannot read; its
    # message may quote the cell, so it is left out.
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception:
        raise ReadError(path, N_("not a readable XLSX workbook")) from None
    head: list[list[str]] = []
    try:
        rows = workbook.worksheets[0].iter_rows(max_row=_HEADER_SEARCH_ROWS, values_only=True)
        for row in rows:
            head.append(["" if v is None else str(v) for v in row])
        return head
    except Exception:
        raise ReadError(path, N_("not a readable XLSX workbook"), row=len(head) + 1) from None
    finally:
        workbook.close()
