"""A 4 × 4 grid of estates for the disclosure tests: one city, four districts (quadrants).

    E00 E01 │ E02 E03        D1 │ D2
    E10 E11 │ E12 E13        ───┼───
    ────────┼────────        D3 │ D4
    E20 E21 │ E22 E23
    E30 E31 │ E32 E33

Counts come in as a partner's table through ``import-aggregates`` (re-importing a period
replaces its counts), as a user would load them.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import shapely
from django.core.management import call_command

from kooperacja.territory.models import Generation, Level, Population, Unit

STEP = 0.0146  # about 1 km at 52°N
ESTATES = [f"E{row}{col}" for row in range(4) for col in range(4)]
DISTRICT = {e: f"D{1 + 2 * (int(e[1]) // 2) + int(e[2]) // 2}" for e in ESTATES}
POPULATION = {e: 700 + (i * 389) % 2300 for i, e in enumerate(ESTATES)}
CODES = {"poverty": "1", "homelessness": "3"}


def _box(row0: int, col0: int, size: int) -> str:
    return shapely.to_geojson(shapely.box(19 + STEP * col0, 52 - STEP * (row0 + size),
                                          19 + STEP * (col0 + size), 52 - STEP * row0))


def build_grid() -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    specs = [("city", 10, {"C": (None, 0, 0, 4)}),
             ("district", 20, {f"D{1 + 2 * r + c}": ("C", 2 * r, 2 * c, 2)
                               for r in range(2) for c in range(2)}),
             ("estate", 30, {e: (DISTRICT[e], int(e[1]), int(e[2]), 1) for e in ESTATES})]
    for level_code, rank, members in specs:
        level = Level.objects.create(code=level_code, name=level_code.title(), rank=rank)
        generation = Generation.objects.create(
            level=level, valid_from=dt.date(2020, 1, 1), source=f"{level_code}.gpkg",
            checksum=level_code)
        for code, (parent, row, col, size) in members.items():
            units[code] = Unit.objects.create(
                generation=generation, level=level, code=code, name=f"Unit {code}",
                parent=units[parent] if parent else None, geometry=_box(row, col, size),
                area_km2=float(size * size))
    for year in (2024, 2025):
        Population.objects.bulk_create(
            Population(unit=units[e], year=year, count=n) for e, n in POPULATION.items())
    return units


def import_counts(folder: Path, period: str, by_estate: dict[str, int],
                  indicator: str = "poverty") -> None:
    """A partner's table of the indicator's numerator per estate, through import-aggregates."""
    table = folder / f"{indicator}_{period}.csv"
    lines = ["osiedle;liczba"] + [f"{e};{by_estate.get(e, 0)}" for e in ESTATES]
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    call_command("import_aggregates", str(table), "--unit-field", "osiedle", "--period", period,
                 "--code-list", "mops_reason", "--value-field", f"liczba:{CODES[indicator]}",
                 "--level", "estate", stdout=io.StringIO())
