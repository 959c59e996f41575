"""Writing results as CSV (+ a FILE.meta.json sidecar), GeoJSON or GeoPackage, each with
the program version, the inputs' versions and the parameters."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.territory.models import Unit

FORMATS = (".csv", ".geojson", ".gpkg")
METADATA_KEY = "kooperacja"


def output_format(path: Path | str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix == ".json":
        suffix = ".geojson"
    if suffix not in FORMATS:
        raise UserError(path,
                        N_("write .csv, .geojson or .gpkg (the name's ending picks the format)"))
    return suffix


def sidecar(path: Path | str) -> Path:
    """Where the metadata of a CSV goes: FILE.csv → FILE.csv.meta.json."""
    path = Path(path)
    return path.with_name(path.name + ".meta.json")


def write_output(path: Path | str, rows: list[dict[str, Any]], metadata: dict[str, Any],
                 level: str) -> Path:
    """Write ``rows`` (each with ``unit_code``) in the format the suffix asks for."""
    path = Path(path)
    kind = output_format(path)
    columns = list(rows[0]) if rows else ["unit_code"]
    if kind == ".csv":
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, columns)
            writer.writeheader()
            writer.writerows({k: "" if v is None else v for k, v in row.items()} for row in rows)
        sidecar(path).write_text(json.dumps(metadata, ensure_ascii=False, indent=2, default=str),
                                 encoding="utf-8")
        return path
    shapes = _geometries(level)
    if kind == ".geojson":
        features = [
            {"type": "Feature", "geometry": json.loads(shapes[row["unit_code"]]), "properties": row}
            for row in rows
        ]
        body = {"type": "FeatureCollection", "metadata": metadata, "features": features}
        path.write_text(json.dumps(body, ensure_ascii=False, default=str), encoding="utf-8")
        return path
    _write_gpkg(path, rows, columns, shapes, metadata)
    return path


def _geometries(level: str) -> dict[str, str]:
    return dict(Unit.objects.current().filter(level__code=level).values_list("code", "geometry"))


def _write_gpkg(path: Path, rows: list[dict[str, Any]], columns: list[str], shapes: dict[str, str],
                metadata: dict[str, Any]) -> None:
    from pyogrio.raw import write

    geoms = shapely.from_geojson([shapes[row["unit_code"]] for row in rows])
    arrays = [_column([row[c] for row in rows]) for c in columns]
    if path.exists():
        path.unlink()
    write(
        path, shapely.to_wkb(geoms), arrays, columns, driver="GPKG", geometry_type="Unknown",
        crs="EPSG:4326", layer="indicators", promote_to_multi=True,
        layer_metadata={METADATA_KEY: json.dumps(metadata, ensure_ascii=False, default=str)},
    )


def _column(values: list[Any]) -> np.ndarray:
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, bool) for v in present):
        return np.array([np.nan if v is None else float(v) for v in values])
    if present and all(isinstance(v, int | float) and not isinstance(v, bool) for v in present):
        return np.array([np.nan if v is None else float(v) for v in values])
    return np.array(["" if v is None else str(v) for v in values], dtype=object)


def read_gpkg_metadata(path: Path | str) -> dict[str, Any]:
    """The metadata a GeoPackage written here carries."""
    from pyogrio import read_info

    info = read_info(path, layer="indicators")
    metadata: dict[str, Any] = json.loads(info["layer_metadata"][METADATA_KEY])
    return metadata
