"""PRG address points in the common converted CSV (one row per point, columns as written
by GUGiK's converters and prg_convert: lokalny_id, teryt_gmina, miejscowosc, ulica,
numer_porzadkowy, x_epsg_2180, y_epsg_2180, ...)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kooperacja.core.encodings import detect_polish_encoding
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.core.prg.chunk import AddressChunk, chunk_from_columns
from kooperacja.core.prg.crs import PUWG_1992, WGS84, to_puwg_1992
from kooperacja.core.prg.errors import PrgReadError, SkipHandler, skip_or_raise
from kooperacja.core.prg.sources import Source

ENCODING_SAMPLE_BYTES = 1024 * 1024

# Contract column <- CSV column; the first three are required.
TEXT_FROM = {
    "source_id": "lokalny_id",
    "locality": "miejscowosc",
    "number": "numer_porzadkowy",
    "teryt_gmina": "teryt_gmina",
    "simc": "teryt_miejscowosc",
    "locality_part": "czesc_miejscowosci",
    "street": "ulica",
    "ulic": "teryt_ulica",
    "postcode": "kod_pocztowy",
    "status": "status",
}
REQUIRED = ("lokalny_id", "miejscowosc", "numer_porzadkowy")

# Coordinate column pairs in order of preference, each with the CRS it is in unless
# ``crs`` says otherwise (None: the caller must say).
COORDINATE_PAIRS: tuple[tuple[str, str, str | None], ...] = (
    ("x_epsg_2180", "y_epsg_2180", PUWG_1992),
    ("x", "y", None),
    ("dlugosc_geograficzna", "szerokosc_geograficzna", WGS84),
)


@dataclass(frozen=True)
class _Layout:
    encoding: str
    delimiter: str
    header: list[str]
    x_column: str
    y_column: str
    crs: str


def read_chunks(
    source: Source, crs: str | None, chunk_size: int, on_skip: SkipHandler | None
) -> Iterator[AddressChunk]:
    """Chunks of a converted CSV (UTF-8 with or without BOM or Windows-1250; ';' or ',').

    ``crs`` overrides the CRS of the coordinate columns found.
    """
    layout = _layout(source, crs)
    wanted = set(TEXT_FROM.values()) | {layout.x_column, layout.y_column}
    with source.open() as handle:
        frames = pd.read_csv(
            handle, sep=layout.delimiter, encoding=layout.encoding, dtype=str,
            na_filter=False, chunksize=chunk_size, header=0, names=layout.header,
            usecols=[name for name in layout.header if name in wanted], engine="c",
        )
        first_line = 2
        for frame in _frames(frames, source, layout.encoding):
            chunk = _chunk(frame, first_line, layout, source, on_skip)
            first_line += len(frame)
            if len(chunk):
                yield chunk


def _frames(
    frames: Iterator[pd.DataFrame], source: Source, encoding: str
) -> Iterator[pd.DataFrame]:
    try:
        yield from frames
    except UnicodeDecodeError:
        raise PrgReadError(source.name, N_("the file is not consistently in %(encoding)s; "
                                           "save it again as UTF-8"),
                           {"encoding": encoding}) from None
    except pd.errors.ParserError as exc:
        raise PrgReadError(source.name, N_("the CSV cannot be parsed (%(problem)s); check the "
                                           "separator and the quoting of that line"),
                           {"problem": str(exc).strip()}) from None


def _layout(source: Source, crs: str | None) -> _Layout:
    with source.open() as handle:
        sample = handle.read(ENCODING_SAMPLE_BYTES)
    encoding = detect_polish_encoding(sample)
    if encoding not in ("utf-8", "utf-8-sig", "cp1250"):
        encoding = "cp1250"
    first_line = sample.split(b"\n", 1)[0].decode(encoding, errors="replace").lstrip("\ufeff")
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    header = [name.strip().strip('"').lower() for name in first_line.strip().split(delimiter)]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise PrgReadError(source.name, N_("missing column %(columns)s; the file has: %(header)s"),
                           {"columns": ", ".join(missing), "header": ", ".join(header)})
    for x_column, y_column, default_crs in COORDINATE_PAIRS:
        if x_column in header and y_column in header:
            if crs is None and default_crs is None:
                raise PrgReadError(source.name, N_("columns x and y have no stated coordinate "
                                                   "system; give it with --crs (e.g. EPSG:2180)"))
            return _Layout(encoding, delimiter, header, x_column, y_column,
                           crs or default_crs)  # type: ignore[arg-type]
    raise PrgReadError(source.name, N_("no coordinate columns: expected x_epsg_2180 and "
                                       "y_epsg_2180 (or x and y with --crs, or "
                                       "dlugosc_geograficzna and szerokosc_geograficzna)"))


def _chunk(
    frame: pd.DataFrame, first_line: int, layout: _Layout, source: Source,
    on_skip: SkipHandler | None,
) -> AddressChunk:
    x = _numbers(frame[layout.x_column])
    y = _numbers(frame[layout.y_column])
    text = {
        name: (frame[column].to_numpy(dtype=object) if column in frame.columns
               else np.full(len(frame), "", dtype=object))
        for name, column in TEXT_FROM.items()
    }
    usable = np.isfinite(x) & np.isfinite(y)
    for name in ("source_id", "number", "locality"):
        usable &= text[name] != ""
    if not usable.all():
        for index in np.flatnonzero(~usable):
            skip_or_raise(_row_problem(text, x, y, int(index), first_line, layout, source),
                          on_skip)
        text = {name: values[usable] for name, values in text.items()}
        x, y = x[usable], y[usable]
    x, y = to_puwg_1992(x, y, layout.crs)
    return chunk_from_columns(text, x, y)


def _numbers(column: pd.Series) -> np.ndarray:
    values = np.array(pd.to_numeric(column, errors="coerce"), dtype=np.float64)
    unread = np.isnan(values)
    if unread.any():
        # Spreadsheets saving ';'-separated files write a decimal comma.
        fixed = column[unread].str.strip().str.replace(",", ".", regex=False)
        values[unread] = pd.to_numeric(fixed, errors="coerce").to_numpy(dtype=np.float64)
    return values


def _row_problem(
    text: dict[str, np.ndarray], x: np.ndarray, y: np.ndarray, index: int, first_line: int,
    layout: _Layout, source: Source,
) -> PrgReadError:
    line = first_line + index
    for name, column in (("source_id", "lokalny_id"), ("number", "numer_porzadkowy"),
                         ("locality", "miejscowosc")):
        if text[name][index] == "":
            return PrgReadError(source.name, N_("empty; every point needs it"),
                                row=line, field=column)
    column = layout.x_column if not np.isfinite(x[index]) else layout.y_column
    return PrgReadError(source.name, N_("missing or not a number; the point has no position"),
                        row=line, field=column)
