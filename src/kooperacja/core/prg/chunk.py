"""The unit a register reader yields: a block of address points as parallel columns."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from typing import Any

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
# Points as the GML readers collect them in bulk: a list per name of ``Row``'s items.
Columns = dict[str, list[Any]]
ROW_ITEMS = (*TEXT_COLUMNS, "x", "y", "crs")


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


def columns_from_rows(rows: Sequence[Row]) -> Columns:
    """Rows as columns."""
    if not rows:
        return {name: [] for name in ROW_ITEMS}
    return dict(zip(ROW_ITEMS, map(list, zip(*rows))))


def chunks_of(blocks: Iterable[Columns], size: int) -> Iterator[AddressChunk]:
    """Blocks of any length re-cut into chunks of ``size`` points (the last may be shorter,
    none is empty), positions brought to EPSG:2180."""
    held: Columns = {name: [] for name in ROW_ITEMS}
    for block in blocks:
        for name in ROW_ITEMS:
            held[name] += block[name]
        while len(held["source_id"]) >= size:
            yield _chunk({name: values[:size] for name, values in held.items()})
            held = {name: values[size:] for name, values in held.items()}
    if held["source_id"]:
        yield _chunk(held)


def _chunk(columns: Columns) -> AddressChunk:
    text = {name: np.array(columns[name], dtype=object) for name in TEXT_COLUMNS}
    x = np.array(columns["x"], dtype=np.float64)
    y = np.array(columns["y"], dtype=np.float64)
    systems = set(columns["crs"])
    if systems != {PUWG_1992}:
        crs_of_row = np.array(columns["crs"], dtype=object)
        for crs in systems - {PUWG_1992}:
            here = crs_of_row == crs
            x[here], y[here] = to_puwg_1992(x[here], y[here], crs)
    return chunk_from_columns(text, x, y)
