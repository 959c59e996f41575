"""Benchmark of the indicator service over the database: 2,000 grid cells (a city, 20
districts of 100 cells), one indicator computed for every level with disclosure control
(one suppress call, linear-programming audit included), then Local Moran's I with 999
permutations through the hot-spot service.

What it adds over ``analysis.py``: the ORM reads, the suppression of three levels at once
and the output rows.  Target (issue 5): under 2 s for indicators and Local Moran; issue 14
asks it of a case with many hidden cells too, so the counts are then replaced by a tenth
of the rate (most cells below k = 5) and both are timed again.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np


def _build(columns: int, rows: int, rate: float = 0.02) -> tuple[list, np.ndarray, np.ndarray]:
    """Cells of about 250 m in districts of 10 x 10 cells in one city; ``rate`` of the
    cells' people are cases (0.02: few hidden cells; 0.002: most cells below k).  Returns
    the cells, their population and their cases."""
    import shapely

    from kooperacja.records.models import Institution, Submission
    from kooperacja.territory.models import Generation, Level, Population, Unit

    step = 0.0036  # about 250 m
    levels = {}
    for code, rank in (("city", 10), ("district", 20), ("cell", 30)):
        level = Level.objects.create(code=code, name=code, rank=rank)
        levels[code] = (level, Generation.objects.create(
            level=level, valid_from=dt.date(2020, 1, 1), source="bench", checksum=code))

    def box(x0: int, y0: int, x1: int, y1: int) -> str:
        return shapely.to_geojson(shapely.box(19 + x0 * step, 52 + y0 * step, 19 + x1 * step,
                                              52 + y1 * step))

    city = Unit.objects.create(generation=levels["city"][1], level=levels["city"][0], code="C",
                               name="C", geometry=box(0, 0, columns, rows), area_km2=1)
    districts = {}
    for dx in range(columns // 10):
        for dy in range(rows // 10):
            districts[dx, dy] = Unit.objects.create(
                generation=levels["district"][1], level=levels["district"][0], code=f"D{dx}-{dy}",
                name=f"D{dx}-{dy}", parent=city,
                geometry=box(dx * 10, dy * 10, dx * 10 + 10, dy * 10 + 10), area_km2=1)
    cells = Unit.objects.bulk_create(
        Unit(generation=levels["cell"][1], level=levels["cell"][0], code=f"G{i}-{j}",
             name=f"G{i}-{j}",
             parent=districts[i // 10, j // 10], geometry=box(i, j, i + 1, j + 1), area_km2=0.0625)
        for i in range(columns) for j in range(rows))
    rng = np.random.default_rng(2024)
    people = rng.integers(50, 3000, len(cells))
    Population.objects.bulk_create(Population(unit=u, year=2025, count=int(p))
                                   for u, p in zip(cells, people))
    who = Institution.objects.create(code="mops", name="MOPS", kind="mops")
    submission = Submission.objects.create(
        institution=who, period="2025", period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31), layout="mops", status="active")
    cases = _counts(cells, city, people, rate, submission, rng)
    return cells, people, cases


def _counts(cells: list, city: object, people: np.ndarray, rate: float, submission: object,
            rng: np.random.Generator) -> np.ndarray:
    """Replace the submission's counts by ``rate`` of each cell's people, summed up the levels."""
    from kooperacja.records.models import Code, UnitCount
    from kooperacja.territory.models import Unit

    UnitCount.objects.filter(submission=submission).delete()
    code = Code.objects.get(code_list__code="mops_reason", code="1")
    cases = rng.poisson(people * rate)
    totals: dict[int, int] = {}
    for unit, n in zip(cells, cases):
        for pk in (unit.pk, unit.parent_id, city.pk):  # type: ignore[attr-defined]
            totals[pk] = totals.get(pk, 0) + int(n)
    level_of = {u.pk: u.level_id for u in Unit.objects.all()}
    UnitCount.objects.bulk_create(
        UnitCount(unit_id=pk, level_id=level_of[pk], institution=submission.institution,
                  submission=submission, period="2025", code_list=code.code_list, code=code,
                  persons=n, families=n)
        for pk, n in totals.items())
    return cases


def run(quick: bool = False) -> Iterator[dict]:
    columns, rows = (20, 10) if quick else (50, 40)
    permutations = 99 if quick else 999
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["KOOPERACJA_DATA_DIR"] = str(Path(tmp) / "data")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kooperacja.settings")
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0, interactive=False)
        _build(columns, rows)
        from kooperacja.indicators.models import Indicator
        from kooperacja.indicators.services.compute import compute_indicator
        from kooperacja.indicators.services.spatial import hotspots

        indicator = Indicator.objects.get(code="poverty")
        n = columns * rows
        for case in ("few hidden cells", "many hidden cells"):
            if case == "many hidden cells":
                # A tenth of the rate: most cells hold fewer than 5 cases.
                from kooperacja.records.models import Submission
                from kooperacja.territory.models import Population, Unit

                cells = list(Unit.objects.filter(level__code="cell").order_by("pk"))
                people = np.array([Population.objects.get(unit=c).count for c in cells])
                _counts(cells, Unit.objects.get(code="C"), people, 0.002, Submission.objects.get(),
                        np.random.default_rng(7))
            start = time.perf_counter()
            result = compute_indicator(indicator, "2025", "public")
            indicators = time.perf_counter() - start
            hidden = sum(r["hidden"] for r in result.level("cell").rows)
            yield {"name": f"indicator, 3 levels, public disclosure control, {case}", "units": n,
                   "seconds": round(indicators, 3), "hidden_cells": hidden}
            start = time.perf_counter()
            hotspots(indicator, "cell", "2025", "lisa", permutations=permutations, smoothed=True)
            lisa = time.perf_counter() - start
            yield {"name": f"hot spots service, Local Moran {permutations} permutations, {case}",
                   "units": n, "seconds": round(lisa, 3)}
            yield {"name": f"indicators + Local Moran through the services, {case}", "units": n,
                   "seconds": round(indicators + lisa, 3), "target_seconds": 2.0}
