"""Reading the demo's vector files back for the tests."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyogrio.raw
import shapely


def read_layer(path: Path) -> tuple[dict, np.ndarray, list[np.ndarray]]:
    """Metadata, shapely geometries and field arrays of a vector file."""
    meta, _, wkb, fields = pyogrio.raw.read(path)
    return meta, shapely.from_wkb(wkb), fields
