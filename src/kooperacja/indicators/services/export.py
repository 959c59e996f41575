"""Indicator results as an export (``kooperacja.records.services.exports``): one row per
unit, with the units' boundaries for GeoJSON and GeoPackage, and the program version, the
inputs' versions and the parameters as its provenance."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kooperacja.records.services.exports import Export, output_format
from kooperacja.territory.models import Unit


def unit_export(name: str, path: Path | str, rows: list[dict[str, Any]], metadata: dict[str, Any],
                level: str, detail: dict[str, Any] | None = None) -> Export:
    """An export of ``rows`` (each with ``unit_code``) of ``level``, for ``path``."""
    kind = output_format(path)
    geometries = _geometries(level) if kind in (".geojson", ".gpkg") else None
    columns = list(rows[0]) if rows else ["unit_code"]
    return Export(name, columns, rows, provenance=metadata, detail=detail or {},
                  geometries=geometries, layer="indicators")


def _geometries(level: str) -> dict[str, str]:
    return dict(Unit.objects.current().filter(level__code=level).values_list("code", "geometry"))
