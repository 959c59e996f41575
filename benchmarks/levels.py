"""Benchmark: a grid made after a 1-million-row MOPS extract was imported (``make-grid``
in one transaction: the address points' cells, population estimates, the records counted
per cell) into a fresh SQLite database.

The town is ``records_import``'s (10 estates in a row, 20,000 address points, the same
extract), moved to 52°N 19°E so that the EPSG:3035 grid lies where it is defined, under a
city unit, with population per estate.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from records_import import ESTATES, NUMBERS, _street_names, _write_extract

LON, LAT, STEP = 19.0, 52.0, 0.01


def _build_town() -> None:
    import datetime as dt

    import shapely
    from django.utils import timezone

    from kooperacja.addresses.models import AddressPoint, RegisterImport
    from kooperacja.addresses.services.units import assign_units
    from kooperacja.territory.models import Generation, Level, Population, Unit

    def box(west: float, east: float) -> str:
        return shapely.to_geojson(shapely.box(LON + west, LAT, LON + east, LAT + STEP))

    city_level = Level.objects.create(code="city", name="city", rank=10)
    city = Unit.objects.create(
        generation=Generation.objects.create(level=city_level, valid_from=dt.date(2020, 1, 1),
                                             source="bench", checksum="city"),
        level=city_level, code="C", name="C", geometry=box(0, ESTATES * STEP), area_km2=7)
    city.territory = city
    city.save()
    level = Level.objects.create(code="estate", name="estate", rank=50)
    generation = Generation.objects.create(level=level, valid_from=dt.date(2020, 1, 1),
                                           source="bench", checksum="bench")
    estates = Unit.objects.bulk_create([
        Unit(generation=generation, level=level, code=f"E{i}", name=f"E{i}", parent=city,
             territory=city, geometry=box(i * STEP, (i + 1) * STEP), area_km2=0.7)
        for i in range(ESTATES)
    ])
    Population.objects.bulk_create(Population(unit=e, year=2024, count=5000) for e in estates)
    register = RegisterImport.objects.create(file_name="bench", finished_at=timezone.now())
    AddressPoint.objects.bulk_create([
        AddressPoint(source_id=f"{s}-{n}", locality="Benchowo", street=f"ul. {name}", number=str(n),
                     x=0, y=0, lon=LON + (s % ESTATES) * STEP + (n - 0.5) * STEP / NUMBERS,
                     lat=LAT + STEP / 2, register_import=register)
        for s, name in enumerate(_street_names()) for n in range(1, NUMBERS + 1)
    ], batch_size=5000)
    assign_units(Generation.objects.current())


def run(quick: bool = False) -> Iterator[dict]:
    rows = 50_000 if quick else 1_000_000
    with tempfile.TemporaryDirectory(prefix="kooperacja-bench-") as tmp:
        os.environ["KOOPERACJA_DATA_DIR"] = str(Path(tmp) / "data")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kooperacja.settings")
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0, interactive=False)
        _build_town()
        path = Path(tmp) / "mops.csv"
        _write_extract(path, rows)
        from kooperacja.records.models import UnitCount
        from kooperacja.records.services.importing import import_submission
        from kooperacja.records.services.institutions import add_institution
        from kooperacja.territory.models import Population
        from kooperacja.territory.services.grid import make_grid

        import_submission(path, add_institution("mops", "MOPS", "mops"), "2025", "mops")
        for size in (1000, 250):
            started = time.perf_counter()
            made = make_grid("C", size, "EPSG:3035")
            seconds = time.perf_counter() - started
            yield {
                "name": f"levels_make_grid_{size}m_after_{rows // 1000}k_records", "rows": rows,
                "seconds": round(seconds, 2), "cells": made.units,
                "counts": UnitCount.objects.filter(level=made.level).count(),
                "estimates": Population.objects.filter(unit__level=made.level,
                                                       estimated=True).count(),
            }
