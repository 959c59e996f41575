"""The unit a register reader yields: a block of address points as parallel columns."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
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
# Points as the GML readers collect them in bulk: an array per name of ``Row``'s items
# (NumPy object arrays of ``str``, float64 for x and y).
Columns = dict[str, np.ndarray]
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
        return {name: np.array([], dtype=_dtype(name)) for name in ROW_ITEMS}
    return {name: np.array(values, dtype=_dtype(name))
            for name, values in zip(ROW_ITEMS, zip(*rows))}


def chunks_of(blocks: Iterable[Columns], size: int) -> Iterator[AddressChunk]:
    """Blocks of any length re-cut into chunks of ``size`` points (the last may be shorter,
    none is empty), positions brought to EPSG:2180."""
    held: list[Columns] = []
    count = 0
    for block in blocks:
        if not len(block["source_id"]):
            continue
        held.append(block)
        count += len(block["source_id"])
        while count >= size:
            joined = _joined(held)
            yield _chunk({name: values[:size] for name, values in joined.items()})
            held = [{name: values[size:] for name, values in joined.items()}]
            count -= size
    if count:
        yield _chunk(_joined(held))


def _joined(blocks: list[Columns]) -> Columns:
    if len(blocks) == 1:
        return blocks[0]
    return {name: np.concatenate([block[name] for block in blocks]) for name in ROW_ITEMS}


def _dtype(name: str) -> type:
    return np.float64 if name in ("x", "y") else object


def _chunk(columns: Columns) -> AddressChunk:
    text = {name: columns[name] for name in TEXT_COLUMNS}
    x = columns["x"].astype(np.float64)
    y = columns["y"].astype(np.float64)
    systems = set(columns["crs"].tolist())
    if systems != {PUWG_1992}:
        for crs in systems - {PUWG_1992}:
            here = columns["crs"] == crs
            x[here], y[here] = to_puwg_1992(x[here], y[here], crs)
    return chunk_from_columns(text, x, y)
