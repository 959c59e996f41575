"""Reading tabular files (CSV in any of the encodings offices use, XLSX) row by row, and
the one rule for reading a count from a cell (docs/imports.md).

This module owns what every reader of a table shares: which format a file is
(:func:`is_workbook`), its encoding (:func:`detect_encoding`), its separator and first
lines (:func:`csv_head`), opening a workbook within the limits (:func:`open_workbook`) and
a workbook cell as text (:func:`cell_text`). :func:`read_table` streams rows with them; the
extracts' reader (core/submissions/reading.py) builds its chunks on them too.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Literal, overload

import numpy as np
from lxml import etree

from kooperacja.core import limits
from kooperacja.core.encodings import polish_8bit_encoding, sniff_separator
from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

SAMPLE_BYTES = 256 * 1024
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
_BLOCK = 1 << 20

# A count as offices and GIS software write it: digits, spaces (also non-breaking ones)
# only between groups of three, and a decimal part of zeros only (Shapefile/DBF and
# spreadsheet exports write 3 as "3.0", a Polish locale as "3,0").
_COUNT = re.compile(r"(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[.,]0*)?")
# "3,000" or "3.000" is 3 to a Polish reader and 3000 to an English one: refused.
_AMBIGUOUS = re.compile(r"0*[1-9]\d{0,2}[.,]000")
NOT_A_COUNT = N_("not a whole number of 0 or more; write a count as 12, 12,0 or 1 234 "
                 "(between thousands only a space, never a comma or a dot)")
EMPTY_COUNT = N_("the count is empty; write 0 where there were none")
COUNT_OVER = N_("the count is over %(high)s; check the column")
# A unit's code is left out of messages too: the column mapped as the code may hold
# anything, a PESEL or a name.
UNKNOWN_UNIT = N_("no current unit has the code in this cell; check the column and that the "
                  "boundaries are imported (import-units)")
AMBIGUOUS_UNIT = N_("the code in this cell exists on several levels; add --level")
# The largest count an integer column of the database holds; an 11-digit number in a count
# column is more likely a PESEL in the wrong column than a count.
MAX_COUNT = 2_147_483_647


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

    @overload
    def column(self, *names: str, required: Literal[True] = ...) -> int: ...
    @overload
    def column(self, *names: str, required: bool) -> int | None: ...

    def column(self, *names: str, required: bool = True) -> int | None:
        """Index of the first column whose header matches one of ``names``."""
        keys = [header_key(h) for h in self.header]
        for name in names:
            if header_key(name) in keys:
                return keys.index(header_key(name))
        if required:
            # The header is not listed: a file without its header line has a row of
            # personal data in its place.
            raise TableError(
                self.path, N_("missing column %(column)s; the first row must name the "
                              "columns (it has %(count)s cells)"),
                {"column": names[0], "count": len(self.header)},
            )
        return None


def whole_number(text: str) -> int | None:
    """The count written in ``text`` ("3", "3.0", "3,0", "1 234"); None for anything else,
    an empty cell included."""
    text = text.strip()
    if not _COUNT.fullmatch(text) or _AMBIGUOUS.fullmatch(text):
        return None
    return int(re.split(r"[.,]", text)[0].replace(" ", "").replace("\u00a0", "")
               .replace("\u202f", ""))


def whole_numbers(texts: np.ndarray) -> np.ndarray:
    """:func:`whole_number` over a column: int64, -1 where a cell is not a count and
    ``MAX_COUNT + 1`` where it is a larger one."""
    texts = np.asarray(texts, dtype=str)
    if texts.size == 0:
        return np.zeros(0, dtype=np.int64)
    distinct, inverse = np.unique(texts, return_inverse=True)
    parsed = [whole_number(text) for text in distinct.tolist()]
    return np.array([-1 if n is None else min(n, MAX_COUNT + 1) for n in parsed],
                    dtype=np.int64)[inverse]


def read_count(path: Path | str, row: int, column: str, text: str, high: int = MAX_COUNT) -> int:
    """The count in a required cell, or a :class:`TableError` naming file, row and column.

    The message leaves the cell's value out: a wrong column mapped as the count could
    hold personal data.
    """
    if not text.strip():
        raise TableError(path, EMPTY_COUNT, row=row, field=column)
    value = whole_number(text)
    if value is None:
        raise TableError(path, NOT_A_COUNT, row=row, field=column)
    if value > high:
        raise TableError(path, COUNT_OVER, {"high": high}, row=row, field=column)
    return value


def read_table(path: Path | str, encoding: str | None = None) -> Table:
    """Open a CSV (UTF-8 with or without BOM, Windows-1250, ISO-8859-2; ';' or ',') or XLSX."""
    path = Path(path)
    if not path.exists():
        raise TableError(path, N_("file not found"))
    if is_workbook(path):
        return _read_xlsx(path)
    encoding = encoding or detect_encoding(path)
    delimiter = csv_head(path, encoding, 20)[1]
    return Table(path, *_csv_rows(path, encoding, delimiter), encoding=encoding)


def is_workbook(path: Path | str) -> bool:
    """Whether ``path`` is read as an XLSX workbook (else as CSV)."""
    return Path(path).suffix.lower() in WORKBOOK_SUFFIXES


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


def csv_head(path: Path, encoding: str, lines: int) -> tuple[list[str], str]:
    """The first ``lines`` lines of a CSV and its separator, after the limits' check of
    its start (``limits.check_text``). Raises :class:`TableError` when the start is not in
    ``encoding``."""
    with path.open("rb") as f:
        sample = f.read(SAMPLE_BYTES)
    limits.check_text(path, sample)
    try:
        # Incremental: a character cut at the sample's end is no error.
        text = codecs.getincrementaldecoder(encoding)().decode(sample)
    except (UnicodeDecodeError, LookupError) as e:
        raise TableError(
            path, N_("cannot be read as %(encoding)s (%(error)s). Give the encoding the file was "
                     "saved in (--encoding utf-8, cp1250 or iso-8859-2), or leave it out to have "
                     "it detected."),
            {"encoding": encoding, "error": e.__class__.__name__},
        ) from None
    head = text.splitlines()[:lines]
    return head, sniff_separator(head)


def open_workbook(path: Path, check: bool = True) -> Workbook:
    """The workbook at ``path``, read only, its formulas' cached values; checked first
    (:func:`check_workbook`) unless it was already."""
    from openpyxl import load_workbook

    if check:
        check_workbook(path)
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise TableError(path, N_("not a readable XLSX workbook")) from None


def data_rows(path: Path | str) -> int | None:
    """About how many rows follow a CSV's header (its lines, less one), for a progress bar;
    None for a workbook."""
    path = Path(path)
    if is_workbook(path):
        return None
    lines = 0
    with path.open("rb") as fh:
        while block := fh.read(1 << 22):
            lines += block.count(b"\n")
    return max(lines - 1, 0)


def _csv_rows(
    path: Path, encoding: str, delimiter: str
) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    # Closed here on a bad header, else by rows() below when read to the end.
    handle = open(path, encoding=encoding, newline="", errors="strict")  # noqa: SIM115
    reader = csv.reader(_bounded_lines(path, handle), delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader)]
        _check_cells(path, 1, header)
    except StopIteration:
        handle.close()
        raise TableError(path, N_("the file is empty")) from None
    except UnicodeDecodeError:
        handle.close()
        raise TableError(path,
                         N_("the file is not in %(encoding)s; give the right one with --encoding"),
                         {"encoding": encoding}) from None
    except (csv.Error, TableError):
        handle.close()
        raise

    def rows() -> Iterator[tuple[int, list[str]]]:
        with handle:
            try:
                for number, row in _numbered(reader, start=2):
                    if any(cell.strip() for cell in row):
                        _check_cells(path, number, row)
                        yield number, [cell.strip() for cell in row]
            except UnicodeDecodeError:
                raise TableError(path, N_("the file is not in %(encoding)s; give the right one "
                                          "with --encoding"), {"encoding": encoding},
                                 row=reader.line_num) from None
            except csv.Error:
                raise TableError(path, N_("a quoted cell is not closed or is too long; check "
                                          "the quotes (\") from this line on"),
                                 row=reader.line_num) from None

    return header, _not_empty(path, rows())


def _bounded_lines(path: Path, handle: io.TextIOBase) -> Iterator[str]:
    """The file's lines, refusing one longer than ``limits.MAX_LINE_CHARS`` before it is
    held in memory whole."""
    number = 0
    while line := handle.readline(limits.MAX_LINE_CHARS + 1):
        number += 1
        if len(line) > limits.MAX_LINE_CHARS:
            raise TableError(path, N_("the line is longer than %(limit)s characters; is this "
                                      "a table with one row per line?"),
                             {"limit": limits.MAX_LINE_CHARS}, row=number)
        yield line


def _numbered(reader: Iterator[list[str]], start: int) -> Iterator[tuple[int, list[str]]]:
    # Errors raised while a line is read keep their row number (csv's own count is of lines).
    number = start
    for row in reader:
        yield number, row
        number += 1


def _check_cells(path: Path, number: int, cells: list[str]) -> None:
    for column, cell in enumerate(cells, start=1):
        if len(cell) > limits.MAX_CELL_CHARS:
            raise TableError(path, N_("cell of column %(column)s is longer than %(limit)s "
                                      "characters, more than a spreadsheet cell holds"),
                             {"column": column, "limit": limits.MAX_CELL_CHARS}, row=number)


def _not_empty(
    path: Path, rows: Iterator[tuple[int, list[str]]]
) -> Iterator[tuple[int, list[str]]]:
    """``rows``, or a :class:`TableError` when there is none below the header."""
    found = False
    for row in rows:
        found = True
        yield row
    if not found:
        raise TableError(path, N_("the file has no rows below its header"))


def _read_xlsx(path: Path) -> Table:
    workbook = open_workbook(path)
    try:
        sheet = workbook.worksheets[0]
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        workbook.close()
        raise TableError(path, N_("not a readable XLSX workbook")) from None
    values = sheet.iter_rows(values_only=True)
    try:
        header = [cell_text(v) for v in next(values)]
    except StopIteration:
        workbook.close()
        raise TableError(path, N_("the file is empty")) from None
    except Exception:  # a cell openpyxl cannot read ("x" as a number, a date of "never")
        workbook.close()
        raise TableError(path, N_("not a readable XLSX workbook"), row=1) from None

    def rows() -> Iterator[tuple[int, list[str]]]:
        number = 1
        try:
            for number, row in enumerate(values, start=2):
                cells = [cell_text(v) for v in row]
                if any(cells):
                    yield number, cells
        except Exception:  # as above; the row is the one after the last read
            raise TableError(path, N_("not a readable XLSX workbook"), row=number + 1) from None
        finally:
            workbook.close()

    return Table(path, header, _not_empty(path, rows()))


def check_workbook(path: Path | str) -> None:
    """Refuse a workbook that asks more of a reader than any a person saved: a ZIP bomb
    (``limits.check_archive``), shared strings over ``limits.MAX_SHARED_STRINGS_BYTES``,
    a cell longer than ``limits.MAX_CELL_CHARS``, a row or column past the sheet's limits
    (declared or written).

    Its XML is read as a stream with libxml2's limits, before openpyxl reads the shared
    strings into memory and fills the gaps between rows and cells with empty ones.
    """
    import zipfile

    path = Path(path)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            limits.check_archive(path, members)
            for info in members:
                name = info.filename.lower()
                if name.endswith("sharedstrings.xml"):
                    if info.file_size > limits.MAX_SHARED_STRINGS_BYTES:
                        raise TableError(path, N_("the workbook's text takes more than "
                                                  "%(limit)s MB; save it as CSV"),
                                         {"limit": limits.MAX_SHARED_STRINGS_BYTES >> 20})
                    with archive.open(info) as handle:
                        _check_shared_strings(path, handle)
                elif name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    with archive.open(info) as handle:
                        _check_sheet(path, handle)
    except (zipfile.BadZipFile, EOFError, etree.XMLSyntaxError, ValueError) as exc:
        if isinstance(exc, UserError):
            raise
        raise TableError(path, N_("not a readable XLSX workbook")) from None


def _check_shared_strings(path: Path, handle: IO[bytes]) -> None:
    for _, element in limits.iterparse(handle, events=("end",), tag="{*}si"):
        if sum(len(text) for text in element.itertext()) > limits.MAX_CELL_CHARS:
            raise TableError(path, N_("a cell is longer than %(limit)s characters, more than "
                                      "a spreadsheet cell holds"), {"limit": limits.MAX_CELL_CHARS})
        limits.release(element)


_CELL_REFERENCE = re.compile(r"\$?([A-Z]+)\$?(\d+)")


def _check_sheet(path: Path, handle: IO[bytes]) -> None:
    for _, element in limits.iterparse(handle, events=("end",),
                                       tag=("{*}dimension", "{*}row", "{*}c")):
        kind = etree.QName(element).localname
        if kind == "dimension":
            for corner in element.get("ref", "").split(":"):
                _check_reference(path, corner)
        elif kind == "row":
            _check_row(path, element.get("r"))
            limits.release(element)
        else:
            if element.get("r"):
                _check_reference(path, element.get("r", ""))
            if sum(len(text) for text in element.itertext()) > limits.MAX_CELL_CHARS:
                raise TableError(path, N_("a cell is longer than %(limit)s characters, more "
                                          "than a spreadsheet cell holds"),
                                 {"limit": limits.MAX_CELL_CHARS})


def _check_reference(path: Path, reference: str) -> None:
    found = _CELL_REFERENCE.fullmatch(reference.upper())
    if found is None:
        if reference.isdigit():
            _check_row(path, reference)
            return
        raise TableError(path, N_("not a readable XLSX workbook"))
    column = 0
    for letter in found.group(1):
        column = column * 26 + ord(letter) - 64
    if column > limits.MAX_SHEET_COLUMNS:
        raise TableError(path, N_("the sheet has more than %(limit)s columns"),
                         {"limit": limits.MAX_SHEET_COLUMNS})
    _check_row(path, found.group(2))


def _check_row(path: Path, number: str | None) -> None:
    if number is not None and (not number.isdigit() or int(number) > limits.MAX_SHEET_ROWS):
        raise TableError(path, N_("the sheet has more than %(limit)s rows; save it as CSV"),
                         {"limit": limits.MAX_SHEET_ROWS})


def cell_text(value: object, digits: int = 0) -> str:
    """A workbook cell as the text a CSV would hold: '' for an empty one, a whole number
    without ".0" (``digits`` wide with leading zeros, which a number typed into a cell
    loses: a PESEL has 11), a date as ISO 8601."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:0{digits}d}" if digits and 0 <= value < 10**digits else str(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()
