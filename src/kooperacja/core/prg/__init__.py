"""Streaming readers for the state register of addresses (PRG, GUGiK).

``read_addresses(path)`` reads GML model 2012, GML model 2021, the converted CSV, or a ZIP
of them, and yields ``AddressChunk`` blocks of points with EPSG:2180 and WGS84 positions.
"""

from __future__ import annotations

from kooperacja.core.prg.chunk import COLUMNS, AddressChunk
from kooperacja.core.prg.errors import PrgReadError, SkipHandler
from kooperacja.core.prg.reader import DEFAULT_CHUNK_SIZE, read_addresses
from kooperacja.core.prg.sources import FORMATS, detect_format

__all__ = [
    "COLUMNS", "DEFAULT_CHUNK_SIZE", "FORMATS", "AddressChunk", "PrgReadError", "SkipHandler",
    "detect_format", "read_addresses",
]
