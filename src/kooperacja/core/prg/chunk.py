"""The unit a register reader yields: a block of address points as parallel columns."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields

import numpy as np

from kooperacja.core.prg.crs import PUWG_1992, to_puwg_1992, to_wgs84

TEXT_COLUMNS = (
    "source_id", "teryt_gmina", "locality", "simc", "locality_part",
    "street", "ulic", "number", "postcode", "status",
)
COLUMNS = (*TEXT_COLUMNS, "x", "y", "lon", "lat")

# A point as the GML readers collect it: the text columns in order, then the position
# as easting and northing in ``crs``.
Row = tuple[str, str, str, str, str, str, str, str, str, str, float, float, str]


@dataclass(frozen=True)
class AddressChunk:
    """Address points as parallel columns (docs/core-contracts.md, "Address register record").

    Text columns are NumPy object arrays of ``str`` ('' where the register has nothing);
    ``x``/``y`` are EPSG:2180 easting/northing and ``lon``/``lat`` WGS84, all float64.
    """

    source_id: np.ndarray
    teryt_gmina: np.ndarray
    locality: np.ndarray
    simc: np.ndarray
    locality_part: np.ndarray
    street: np.ndarray
    ulic: np.ndarray
    number: np.ndarray
    postcode: np.ndarray
    status: np.ndarray
    x: np.ndarray
    y: np.ndarray
    lon: np.ndarray
    lat: np.ndarray

    def __len__(self) -> int:
        return len(self.source_id)

    def as_dict(self) -> dict[str, np.ndarray]:
        """The columns by name, e.g. for ``pandas.DataFrame(chunk.as_dict())``."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def chunk_from_columns(
    text: dict[str, np.ndarray], x: np.ndarray, y: np.ndarray
) -> AddressChunk:
    """Complete a chunk from its text columns and EPSG:2180 easting/northing."""
    x = np.ascontiguousarray(x, dtype=np.float64)
    y = np.ascontiguousarray(y, dtype=np.float64)
    lon, lat = to_wgs84(x, y)
    return AddressChunk(**text, x=x, y=y, lon=lon, lat=lat)


def chunk_from_rows(rows: Sequence[Row]) -> AddressChunk:
    """Transpose collected rows into a chunk, bringing positions to EPSG:2180."""
    columns = list(zip(*rows))
    text = {
        name: np.array(values, dtype=object) for name, values in zip(TEXT_COLUMNS, columns)
    }
    x = np.array(columns[10], dtype=np.float64)
    y = np.array(columns[11], dtype=np.float64)
    systems = set(columns[12])
    if systems != {PUWG_1992}:
        crs_of_row = np.array(columns[12], dtype=object)
        for crs in systems - {PUWG_1992}:
            here = crs_of_row == crs
            x[here], y[here] = to_puwg_1992(x[here], y[here], crs)
    return chunk_from_columns(text, x, y)
