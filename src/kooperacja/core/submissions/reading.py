"""Reading extracts: CSV in UTF-8, Windows-1250 or ISO-8859-2 and XLSX, streamed in
chunks of rows with their row numbers.

The format, the encoding, the separator, the limits and a workbook's cells are
core/tables.py's (the one reading path); this module finds an extract's header among its
first rows and streams its columns in chunks.

Every value comes out as a stripped string ('' when empty), so a PESEL keeps its leading
zero; numbers and dates are read by the validator. Row numbers count the header as row 1,
as a spreadsheet shows them.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .. import limits
from ..errors import gettext_noop as N_
from ..tables import (
    TableError,
    cell_text,
    csv_head,
    detect_encoding,
    is_workbook,
    open_workbook,
)
from .layouts import Layout, LayoutError, match_columns

__all__ = ["CHUNK_ROWS", "Extract", "ReadError", "detect_encoding", "open_extract"]

CHUNK_ROWS = 100_000
_HEADER_SEARCH_ROWS = 10
# A PESEL typed into a workbook as a number loses its leading zero.
_PESEL_DIGITS = 11
# A cell starting or ending in whitespace, in a column joined with NUL.
_SPACE_AT_ENDS = re.compile(r"(?:^|\x00)\s|\s(?:\x00|$)")

# A file we cannot read as asked; the message names the file and what to try. One class
# with the tables' errors: the reading path is one.
ReadError = TableError


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
        workbook = open_workbook(self.path, check=False)  # checked when opened
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
                values.append([cell_text(row[i] if i < len(row) else None,
                                         _PESEL_DIGITS if i == pesel_at else 0)
                               for _, i in items])
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
    if not path.exists():
        raise ReadError(path, N_("file not found"))
    if is_workbook(path):
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
    lines, sep = csv_head(path, encoding, _HEADER_SEARCH_ROWS)
    try:
        rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=sep))
    except csv.Error:
        raise TableError(path, N_("a cell among the first lines is too long or its quotes (\") "
                                  "are not closed")) from None
    return rows, sep


def _xlsx_head(path: Path) -> list[list[str]]:
    workbook = open_workbook(path)
    head: list[list[str]] = []
    try:
        rows = workbook.worksheets[0].iter_rows(max_row=_HEADER_SEARCH_ROWS, values_only=True)
        for row in rows:
            head.append([cell_text(v) for v in row])
        return head
    except Exception:  # a cell openpyxl cannot read; its message may quote the cell
        raise ReadError(path, N_("not a readable XLSX workbook"), row=len(head) + 1) from None
    finally:
        workbook.close()
