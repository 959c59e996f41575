"""Benchmark: a 1-million-row MOPS extract end to end (read, validate, pseudonymise,
geocode, store, count) into a fresh SQLite database.

The town is synthetic: 10 estates in a row, 200 streets of 100 numbers (20,000 address
points); the extract repeats those addresses, as a city's register of clients does.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd

STREETS = 200
NUMBERS = 100
ESTATES = 10
_SYLLABLES = ["Ka", "Lo", "Mi", "Nu", "Pe", "Ro", "Sa", "Ti", "Wu", "Ze", "Bo", "Da", "Fi", "Gu",
              "Ha"]


def _street_names() -> list[str]:
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


def _write_extract(path: Path, rows: int) -> None:
    rng = np.random.default_rng(7)
    streets = np.array(_street_names())
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


def _build_town() -> None:
    import datetime as dt

    import shapely
    from django.utils import timezone

    from kooperacja.addresses.models import AddressPoint, RegisterImport
    from kooperacja.addresses.services.units import assign_units
    from kooperacja.territory.models import Generation, Level, Unit

    level = Level.objects.create(code="estate", name="estate", rank=50)
    generation = Generation.objects.create(level=level, valid_from=dt.date(2020, 1, 1),
                                           source="bench", checksum="bench")
    Unit.objects.bulk_create([
        Unit(generation=generation, level=level, code=f"E{i}", name=f"E{i}",
             geometry=shapely.to_geojson(shapely.box(i * 0.01, 0, (i + 1) * 0.01, 0.01)),
             area_km2=1)
        for i in range(ESTATES)
    ])
    register = RegisterImport.objects.create(file_name="bench", finished_at=timezone.now())
    AddressPoint.objects.bulk_create([
        AddressPoint(source_id=f"{s}-{n}", locality="Benchowo", street=f"ul. {name}", number=str(n),
                     x=0, y=0, lon=(s % ESTATES) * 0.01 + 0.005, lat=0.005,
                     register_import=register)
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
        from kooperacja.records.services.importing import import_submission
        from kooperacja.records.services.institutions import add_institution

        mops = add_institution("mops", "MOPS", "mops")
        for name in ("", "_again"):
            started = time.perf_counter()
            submission = import_submission(path, mops, "2025", "mops")
            seconds = time.perf_counter() - started
            yield {
                "name": f"records_import_mops_{rows // 1000}k{name}", "rows": rows,
                "seconds": round(seconds, 1), "rows_per_s": round(rows / seconds),
                "imported": submission.rows_imported, "rejected": submission.rows_rejected,
                "matched": submission.addresses_matched,
            }
