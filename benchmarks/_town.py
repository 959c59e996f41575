"""The synthetic town the records benchmarks import into (`records_import`, `levels`): 10
estates in a row, 200 streets of 100 numbers (20,000 address points), and a MOPS extract
that repeats those addresses, as a city's register of clients does.

Not a benchmark itself (`run.py` passes over modules whose name starts with `_`).
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd

STREETS = 200
NUMBERS = 100
ESTATES = 10
STEP = 0.01  # an estate's width in degrees
_SYLLABLES = ["Ka", "Lo", "Mi", "Nu", "Pe", "Ro", "Sa", "Ti", "Wu", "Ze", "Bo", "Da", "Fi", "Gu", "Ha"]


def fresh_database(tmp: str) -> None:
    """Django set up on a new SQLite database in ``tmp``, migrated."""
    os.environ["KOOPERACJA_DATA_DIR"] = str(Path(tmp) / "data")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kooperacja.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def street_names() -> list[str]:
    names = [f"{a}{b.lower()}{c.lower()}wa" for a in _SYLLABLES for b in _SYLLABLES for c in "ktn"]
    return names[:STREETS]


def _pesels(n: int) -> np.ndarray:
    i = np.arange(n)
    month = 1 + (i // 10_000) % 12
    day = 1 + (i // 1000) % 28
    serial = i % 1000
    year = 40 + (i // 120_000) % 60
    digits = np.stack([year // 10, year % 10, month // 10, month % 10, day // 10, day % 10,
                       (i // 336_000) % 10, serial // 100, serial // 10 % 10, serial % 10], axis=1)
    weights = np.array([1, 3, 7, 9, 1, 3, 7, 9, 1, 3])
    check = (10 - (digits * weights).sum(axis=1) % 10) % 10
    whole = np.concatenate([digits, check[:, None]], axis=1).astype("U1")
    return np.array(["".join(row) for row in whole])


def write_extract(path: Path, rows: int) -> None:
    """A MOPS extract of ``rows`` people living at the town's addresses."""
    rng = np.random.default_rng(7)
    streets = np.array(street_names())
    frame = pd.DataFrame({
        "PESEL": _pesels(rows),
        "Nazwisko": "Nowak",
        "Imię": "Jan",
        "Data urodzenia": "",
        "Ulica": "ul. " + streets[rng.integers(0, STREETS, rows)].astype(object),
        "Nr domu": rng.integers(1, NUMBERS + 1, rows).astype(str),
        "Nr lokalu": "",
        "Miejscowość": "Benchowo",
        "Kod pocztowy": "",
        "Nr rodziny": (np.arange(rows) // 2).astype(str),
        "Powody": np.array(["1", "4", "1,5", "9", "6,7"])[rng.integers(0, 5, rows)],
        "Formy pomocy": np.array(["posiłek", "zasiłek okresowy", "praca socjalna, szkolenie"])[
            rng.integers(0, 3, rows)],
    })
    frame.to_csv(path, sep=";", index=False)


def build_town(lon: float = 0.0, lat: float = 0.0, *, city: bool = False) -> None:
    """The estates from (``lon``, ``lat``) eastwards and the register's points, each
    street in one estate, its numbers spread along it. With ``city`` the estates lie in a
    city unit (the territory) and have 5,000 residents each in 2024."""
    import datetime as dt

    import shapely
    from django.utils import timezone

    from kooperacja.addresses.models import AddressPoint, RegisterImport
    from kooperacja.addresses.services.units import assign_units
    from kooperacja.territory.models import Generation, Level, Population, Unit

    def box(west: float, east: float) -> str:
        return shapely.to_geojson(shapely.box(lon + west, lat, lon + east, lat + STEP))

    parent = None
    if city:
        city_level = Level.objects.create(code="city", name="city", rank=10)
        parent = Unit.objects.create(
            generation=Generation.objects.create(level=city_level, valid_from=dt.date(2020, 1, 1),
                                                 source="bench", checksum="city"),
            level=city_level, code="C", name="C", geometry=box(0, ESTATES * STEP), area_km2=7)
        parent.territory = parent
        parent.save()
    level = Level.objects.create(code="estate", name="estate", rank=50)
    generation = Generation.objects.create(level=level, valid_from=dt.date(2020, 1, 1),
                                           source="bench", checksum="bench")
    estates = Unit.objects.bulk_create([
        Unit(generation=generation, level=level, code=f"E{i}", name=f"E{i}", parent=parent,
             territory=parent, geometry=box(i * STEP, (i + 1) * STEP), area_km2=0.7)
        for i in range(ESTATES)
    ])
    if city:
        Population.objects.bulk_create(Population(unit=e, year=2024, count=5000) for e in estates)
    register = RegisterImport.objects.create(file_name="bench", finished_at=timezone.now())
    AddressPoint.objects.bulk_create([
        AddressPoint(source_id=f"{s}-{n}", locality="Benchowo", street=f"ul. {name}", number=str(n),
                     x=0, y=0, lon=lon + (s % ESTATES) * STEP + (n - 0.5) * STEP / NUMBERS,
                     lat=lat + STEP / 2, register_import=register)
        for s, name in enumerate(street_names()) for n in range(1, NUMBERS + 1)
    ], batch_size=5000)
    assign_units(Generation.objects.current())
