"""The entry point: stream any PRG address file, or a ZIP of them, as chunks of points."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from kooperacja.core.errors import gettext_noop as N_
from kooperacja.core.prg import converted_csv, gml2012, gml2021
from kooperacja.core.prg.chunk import AddressChunk, chunks_of
from kooperacja.core.prg.crs import normalise_crs
from kooperacja.core.prg.errors import PrgReadError, SkipHandler
from kooperacja.core.prg.sources import open_sources

DEFAULT_CHUNK_SIZE = 50_000


def read_addresses(
    path: Path | str,
    format: str | None = None,
    crs: str | int | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    on_skip: SkipHandler | None = None,
    on_read: Callable[[int], None] | None = None,
) -> Iterator[AddressChunk]:
    """Stream the address points of a PRG file as chunks, in bounded memory.

    Parameters
    ----------
    path
        GML model 2012 or 2021, the converted CSV, or a ZIP holding them (read in place).
    format
        ``"prg2012"``, ``"prg2021"`` or ``"csv"``; detected from the content when None.
        For a ZIP it picks which members to read; by default the 2021-model ones, since
        GUGiK's bulk archive holds the same points in both models.
    crs
        Coordinate system of positions the file does not declare: GML points without
        ``srsName``, CSV ``x``/``y`` columns; for the CSV it also overrides the system
        implied by the column names.
    chunk_size
        Points per chunk (the last one may be shorter; none is empty).
    on_skip
        Called with a ``PrgReadError`` for each point that cannot be used (no position, no
        number, a link to an object missing from the file), which is then left out.
        Without it the first such point raises.
    on_read
        Called, as the file is read, with how many of its bytes (uncompressed, over all
        the ZIP's members read) are read so far; ``open_sources`` gives each ``Source``'s
        ``size``.

    Yields
    ------
    AddressChunk
        Columns of docs/core-contracts.md; x/y EPSG:2180 easting/northing, lon/lat WGS84.

    Raises
    ------
    PrgReadError
        For a file that cannot be read at all (missing, unknown format, malformed XML,
        missing CSV columns), or a bad point when ``on_skip`` is None.
    """
    if chunk_size < 1:
        raise ValueError("chunk_size must be at least 1")
    if crs is not None:
        try:
            crs = normalise_crs(crs)
        except ValueError as exc:
            raise PrgReadError(path, N_("%(problem)s; give an EPSG code such as EPSG:2180"),
                               {"problem": str(exc)}) from None
    before = 0
    for source, source_format in open_sources(path, format):
        if on_read is not None:
            source = source.counted(_shifted(on_read, before))
            before += source.size
        if source_format == "csv":
            yield from converted_csv.read_chunks(source, crs, chunk_size, on_skip)
        else:
            model = gml2012 if source_format == "prg2012" else gml2021
            yield from chunks_of(model.read_blocks(source, crs, on_skip), chunk_size)



def _shifted(report: Callable[[int], None], start: int) -> Callable[[int], None]:
    """``report`` told positions counted from ``start`` (the sources read before)."""
    return lambda position: report(start + position)
