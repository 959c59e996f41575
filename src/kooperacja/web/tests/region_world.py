"""A small region for the regional view's tests: one voivodeship (24), two powiats (2499,
2498) and seven gminas of the three types, each unit its own territory with its TERYT
code (issue 20's shared design), with population and the counts of the built-in
"poverty" indicator (persons helped because of poverty) at every level.

    24 ── 2499 ── 2499011 urban 50 000, 2499022 rural 8 000, 2499033 urban-rural 15 000,
      │           2499042 rural 6 000
      └── 2498 ── 2498011 urban 40 000, 2498022 rural 7 000, 2498032 rural 9 500

Gmina 2499033 has 3 persons helped, fewer than the public threshold: its value is hidden.
Gminas are 10 km squares in a row, west to east.
"""

from __future__ import annotations

import datetime as dt

import shapely

from kooperacja.indicators.tests.world import institution
from kooperacja.records.models import Code, CodeList, Submission, UnitCount
from kooperacja.territory.models import Generation, Level, Population, Unit
from kooperacja.testing import approve_submissions

GMINAS = {
    # code: (name, powiat, residents, persons helped)
    "2499011": ("Alfa", "2499", 50000, 600),
    "2499022": ("Beta", "2499", 8000, 120),
    "2499033": ("Gamma", "2499", 15000, 3),
    "2499042": ("Delta", "2499", 6000, 60),
    "2498011": ("Epsilon", "2498", 40000, 400),
    "2498022": ("Zeta", "2498", 7000, 140),
    "2498032": ("Eta", "2498", 9500, 50),
}
HIDDEN = "2499033"
STEP = 0.146  # about 10 km at 50°N


def _box(left: int, width: int = 1) -> str:
    return shapely.to_geojson(shapely.box(18 + STEP * left, 50, 18 + STEP * (left + width),
                                          50.09))


def build_region(period: str = "2025") -> dict[str, Unit]:
    """The region's units by code, with population in the period's year and an approved
    submission of counts."""
    units: dict[str, Unit] = {}
    order = list(GMINAS)
    powiats = {"2499": "Północny", "2498": "Południowy"}
    spans = {p: [i for i, c in enumerate(order) if GMINAS[c][1] == p] for p in powiats}
    specs = [
        ("wojewodztwo", "województwo", 10, {"24": ("Testowe", None, 0, len(order))}),
        ("powiat", "powiat", 20, {p: (name, "24", min(spans[p]), len(spans[p]))
                                  for p, name in powiats.items()}),
        ("gmina", "gmina", 30, {c: (g[0], g[1], i, 1) for i, (c, g) in
                                enumerate(GMINAS.items())}),
    ]
    for level_code, level_name, rank, members in specs:
        level = Level.objects.create(code=level_code, name=level_name, rank=rank)
        generation = Generation.objects.create(
            level=level, valid_from=dt.date(2024, 1, 1), source=f"{level_code}.shp",
            checksum=level_code)
        for code, (name, parent, left, width) in members.items():
            unit = Unit.objects.create(
                generation=generation, level=level, code=code, name=name, teryt=code,
                parent=units.get(parent) if parent else None,
                geometry=_box(left, width), area_km2=100.0 * width)
            unit.territory = unit
            unit.save(update_fields=["territory"])
            units[code] = unit
    year = int(period[:4])
    for code, (_name, _powiat, residents, _helped) in GMINAS.items():
        Population.objects.create(unit=units[code], year=year, count=residents)
    counts(units, period, {code: g[3] for code, g in GMINAS.items()})
    return units


def counts(units: dict[str, Unit], period: str, by_gmina: dict[str, int]) -> Submission:
    """An approved submission whose persons per gmina are ``by_gmina``, summed up into the
    powiats and the voivodeship."""
    who = institution("rops", "mops")
    submission = Submission.objects.create(
        institution=who, period=period, period_start=dt.date(int(period[:4]), 1, 1),
        period_end=dt.date(int(period[:4]), 12, 31), layout="mops", status="active",
        finished_at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC))
    listed = CodeList.objects.get(code="mops_reason")
    poverty = Code.objects.get(code_list=listed, code="1")
    totals: dict[str, int] = {}
    for gmina, n in by_gmina.items():
        for code in (gmina, GMINAS[gmina][1], "24"):
            totals[code] = totals.get(code, 0) + n
    UnitCount.objects.bulk_create(
        UnitCount(unit=units[u], level=units[u].level, institution=who, submission=submission,
                  period=period, code_list=listed, code=poverty, persons=n, families=n)
        for u, n in totals.items())
    approve_submissions(submission)
    return submission
