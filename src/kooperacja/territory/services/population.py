"""Importing population per unit and year."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from kooperacja.core.errors import gettext_noop as N_
from kooperacja.core.tables import (
    AMBIGUOUS_UNIT,
    UNKNOWN_UNIT,
    TableError,
    read_count,
    read_table,
    whole_number,
)
from kooperacja.territory.models import Population, Unit
from kooperacja.territory.signals import population_imported

SEXES = {"": "", "k": "K", "f": "K", "kobiety": "K", "m": "M", "mezczyzni": "M", "ogolem": "",
         "razem": "", "all": "", "total": ""}


_GRID_ID = re.compile(r"^(\d+)(km|m)N(\d+)E(\d+)$", re.IGNORECASE)


@dataclass
class PopulationImport:
    figures: int
    units: int
    years: list[int]


def _year(path: Path, row: int, column: str, text: str) -> int:
    value = whole_number(text)
    if value is None or not 1800 <= value <= 2200:
        raise TableError(path, N_("expected a whole number from %(low)s to %(high)s"),
                         {"low": 1800, "high": 2200}, row=row, field=column)
    return value


def import_population(
    path: Path | str, level: str | None = None, encoding: str | None = None,
    year: int | None = None,
) -> PopulationImport:
    """Load a CSV/XLSX of unit code, year, count and optional sex and age band.

    Figures attach to the current generation's units. A file that gives only breakdowns
    (by sex and/or age band) gets a total per unit and year computed from them. Re-importing
    a unit and year replaces its figures; everything happens in one transaction.

    A population grid (Statistics Poland's census on the 1 km grid) is keyed by cell ids
    such as ``1kmN3260E5020``: they name the cells of ``make-grid`` in EPSG:3035 (see
    :func:`grid_cell_code`); ``year`` stands for a file without a year column.
    """
    table = read_table(path, encoding)
    path = table.path
    c_unit = table.column("unit_code", "kod", "code", "kod_jednostki", "teryt", "id_siatki",
                          "grid_id")
    c_year = table.column("year", "rok", required=year is None)
    c_count = table.column("count", "liczba", "ludnosc", "population", "wartosc", "value", "tot")
    c_sex = table.column("sex", "plec", required=False)
    c_age = table.column("age_band", "wiek", "grupa_wieku", "age", required=False)

    units = Unit.objects.current()
    if level:
        units = units.filter(level__code=level)
    by_code: dict[str, list[int]] = defaultdict(list)
    grid: set[int] = set()
    for pk, code, level_code in units.values_list("pk", "code", "level__code"):
        by_code[code].append(pk)
        if level_code.startswith("grid"):
            grid.add(pk)

    figures: dict[tuple[int, int, str, str], int] = {}
    for row, cells in table.rows:
        cells = cells + [""] * (len(table.header) - len(cells))
        code = cells[c_unit]
        ids = by_code.get(code) or by_code.get(grid_cell_code(code))
        if not ids and grid_cell_code(code) != code:
            # A grid cell's id is never personal, and says where the cell lies.
            raise TableError(path, N_("no current grid cell %(code)s; is it outside the "
                                      "territory (make-grid)?"), {"code": code},
                             row=row, field=table.header[c_unit])
        if not ids:
            raise TableError(path, UNKNOWN_UNIT, row=row, field=table.header[c_unit])
        if len(ids) > 1:
            raise TableError(path, AMBIGUOUS_UNIT, row=row, field=table.header[c_unit])
        if c_year is not None:
            year = _year(path, row, table.header[c_year], cells[c_year])
        assert year is not None  # the year column is required when no year is given
        count = read_count(path, row, table.header[c_count], cells[c_count], high=100_000_000)
        sex_text = cells[c_sex].strip().lower() if c_sex is not None else ""
        if c_sex is not None and sex_text not in SEXES:
            raise TableError(path, N_("sex must be K or M (or empty for both)"), row=row,
                             field=table.header[c_sex])
        age = cells[c_age].strip() if c_age is not None else ""
        key = (ids[0], year, SEXES[sex_text], age)
        if key in figures:
            raise TableError(path, N_("this unit, year, sex and age band appear twice"), row=row)
        figures[key] = count

    for (unit, year), total in _missing_totals(figures).items():
        figures[(unit, year, "", "")] = total
    pairs = {(unit, year) for unit, year, _, _ in figures}
    with transaction.atomic():
        for unit, year in pairs:
            Population.objects.filter(unit_id=unit, year=year).delete()
        Population.objects.bulk_create(
            Population(unit_id=unit, year=year, sex=sex, age_band=age, count=count,
                       method=Population.Method.GRID if unit in grid else Population.Method.GIVEN)
            for (unit, year, sex, age), count in figures.items()
        )
        population_imported.send(sender=Population)
    return PopulationImport(len(figures), len({u for u, _ in pairs}), sorted({y for _, y in pairs}))


def grid_cell_code(code: str) -> str:
    """The ``make-grid`` code of a cell written as Statistics Poland and Eurostat's GEOSTAT
    grids write it: ``1kmN3260E5020`` (kilometres north and east in EPSG:3035) is
    ``CRS3035RES1000mN3260000E5020000``; ``250mN3260250E5020500`` is in metres. Any
    other code comes back unchanged."""
    match = _GRID_ID.match(code.strip())
    if not match:
        return code
    size, unit, north, east = match.groups()
    metres = int(size) * (1000 if unit.lower() == "km" else 1)
    scale = 1000 if unit.lower() == "km" else 1
    return f"CRS3035RES{metres}mN{int(north) * scale}E{int(east) * scale}"


def _missing_totals(figures: dict[tuple[int, int, str, str], int]) -> dict[tuple[int, int], int]:
    """Totals for unit-years given only as breakdowns, from the finest breakdown given."""
    given = {(u, y) for (u, y, s, a) in figures if not s and not a}
    finest: dict[tuple[int, int], dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for (unit, year, sex, age), count in figures.items():
        if (unit, year) in given:
            continue
        # Sum the rows of the finest kind present (sex × age beats sex alone or age alone), so
        # a file carrying both breakdowns and sub-totals is not counted twice.
        detail = bool(sex) + bool(age)
        finest[(unit, year)][detail] += count
    return {key: by_detail[max(by_detail)] for key, by_detail in finest.items()}


def population_totals(unit_ids: list[int]) -> dict[int, tuple[int, int]]:
    """Unit id → (latest year, total residents) for ``unit_ids``.

    A unit without figures of its own takes the sum of its children's for the latest year
    they all have (districts from their estates, a city from its districts), so every level
    of the hierarchy can be shaded from population given at the finest one. Children of one
    level are summed (a city's districts, not its districts and its grid cells too), the
    coarsest level that has figures for all of them. Estimates stand for their own unit
    (where it has no figure of that year) but are never summed up.
    """
    given: dict[int, dict[int, int]] = defaultdict(dict)
    estimates: dict[int, dict[int, int]] = defaultdict(dict)
    totals_only = Population.objects.filter(sex="", age_band="")
    for unit, year, count, is_estimate in totals_only.values_list(
        "unit_id", "year", "count", "estimated"
    ):
        (estimates if is_estimate else given)[unit][year] = count
    children: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for pk, parent, rank in Unit.objects.current().values_list("pk", "parent_id", "level__rank"):
        if parent is not None:
            children[parent][rank].append(pk)

    def by_year(unit: int, depth: int = 0) -> dict[int, int]:
        if given.get(unit) or depth > 20:
            return given.get(unit, {})
        for rank in sorted(children.get(unit, {})):
            parts = [by_year(child, depth + 1) for child in children[unit][rank]]
            if all(parts):
                years = set.intersection(*(set(p) for p in parts))
                return {year: sum(p[year] for p in parts) for year in years}
        return {}

    totals = {}
    for unit in unit_ids:
        years = estimates.get(unit, {}) | by_year(unit)
        if years:
            latest = max(years)
            totals[unit] = (latest, years[latest])
    return totals


def population_methods(unit_ids: list[int]) -> dict[int, str]:
    """Unit id → how its latest total was made, for units whose total is an estimate
    (``dasymetric``) or read from a population grid (``grid``)."""
    wanted = set(unit_ids)
    latest: dict[int, tuple[int, str]] = {}
    for unit, year, method in Population.objects.filter(
        unit__generation__is_current=True, sex="", age_band=""
    ).values_list("unit_id", "year", "method"):
        if unit in wanted and (unit not in latest or year > latest[unit][0]):
            latest[unit] = (year, method)
    return {unit: method for unit, (_, method) in latest.items() if method}
