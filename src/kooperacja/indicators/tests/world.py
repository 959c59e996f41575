"""A hand-made city for the indicator tests: one city, two districts, four estates.

C ── D1 ── E1, E2
  └─ D2 ── E3, E4          (estates are 1 km squares in a row, west to east)

Counts are written as records' refresh writes them (UnitCount at every level), so the
computation is tested without importing extracts.
"""

from __future__ import annotations

import datetime as dt

import shapely

from kooperacja.records.models import Code, CodeList, Institution, Submission, UnitCount
from kooperacja.territory.models import Generation, Level, Population, Unit
from kooperacja.testing import approve_submissions

ESTATES = {"E1": "D1", "E2": "D1", "E3": "D2", "E4": "D2"}
# Residents per estate, split 18-64 / others half and half, women and men alike.
RESIDENTS = {"E1": 1000, "E2": 2000, "E3": 4000, "E4": 400}


def _box(i: int, width: int = 1) -> str:
    step = 0.0146  # about 1 km at 52°N
    return shapely.to_geojson(shapely.box(19 + step * i, 52, 19 + step * (i + width), 52.009))


def build_city() -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    specs = [("city", 10, {"C": (None, 0, 4)}),
             ("district", 20, {"D1": ("C", 0, 2), "D2": ("C", 2, 2)}),
             ("estate", 30, {e: (d, i, 1) for i, (e, d) in enumerate(ESTATES.items())})]
    for level_code, rank, members in specs:
        level = Level.objects.create(code=level_code, name=level_code.title(), rank=rank)
        generation = Generation.objects.create(
            level=level, valid_from=dt.date(2020, 1, 1), source=f"{level_code}.gpkg",
            checksum=level_code)
        for code, (parent, left, width) in members.items():
            units[code] = Unit.objects.create(
                generation=generation, level=level, code=code, name=f"Unit {code}",
                parent=units.get(parent) if parent else None, territory=units.get("C"),
                geometry=_box(left, width), area_km2=float(width))
    Unit.objects.filter(code="C").update(territory=units["C"])
    for year in (2024, 2025):
        for estate, residents in RESIDENTS.items():
            Population.objects.create(unit=units[estate], year=year, count=residents)
            for sex in ("K", "M"):
                for band, share in (("0-17", 0.25), ("18-29", 0.1), ("30-49", 0.3), ("50-64", 0.1),
                                    ("65+", 0.25)):
                    Population.objects.create(unit=units[estate], year=year, sex=sex,
                                              age_band=band, count=round(residents * share / 2))
    return units


def institution(code: str = "mops", kind: str = "mops") -> Institution:
    return Institution.objects.get_or_create(code=code,
                                             defaults={"name": code.upper(), "kind": kind})[0]


def counts(units: dict[str, Unit], period: str, by_estate: dict[str, int],
           code_list: str = "mops_reason", code: str = "1",
           who: Institution | None = None, approved: bool = True) -> Submission:
    """An active submission whose counts per estate are ``by_estate``, summed up the levels;
    approved by the data steward unless not ``approved`` (the public sees approved ones)."""
    who = who or institution()
    submission = Submission.objects.create(
        institution=who, period=period, period_start=dt.date(int(period[:4]), 1, 1),
        period_end=dt.date(int(period[:4]), 12, 31), layout="mops", status="active",
        finished_at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC))
    listed = CodeList.objects.get(code=code_list)
    the_code = Code.objects.get(code_list=listed, code=code)
    totals: dict[str, int] = {}
    for estate, n in by_estate.items():
        for unit in (estate, ESTATES[estate], "C"):
            totals[unit] = totals.get(unit, 0) + n
    UnitCount.objects.bulk_create(
        UnitCount(unit=units[u], level=units[u].level, institution=who, submission=submission,
                  period=period, code_list=listed, code=the_code, persons=n, families=n)
        for u, n in totals.items())
    if approved:
        approve_submissions(submission)
    return submission
