"""The regional map at national scale: a synthetic country of 2,477 gminas in 380 powiats
and 16 voivodeships (democity/gminas.py: nested Voronoi cells whose shared boundaries carry a
vertex every 50 m, 2.2 million vertices, 87 MB of GeoJSON), imported with ``import_units``,
with population and a MOPS submission's counts per gmina, powiat and voivodeship.

Figures: the first request before anything was simplified, the task worker simplifying
every level's bands, the units' GeoJSON of the gminas per zoom band (bytes, gzip bytes, the
tolerance the answer holds, ms cold: in a web process that had built nothing, reading what
the worker kept, and warm), the view of
a detailed zoom (``bbox``), the regional map (the units at the country's zoom and the
poverty indicator's values for a period, as the map asks for them) warm, and the 304 round
trips. Targets (issue 20): the regional map under 300 ms warm, no answer over 2 MB.

    python benchmarks/run.py regional_map
    REGIONAL_MAP_DATABASE_URL=postgresql://…/scratch python benchmarks/run.py regional_map

The second form runs on PostgreSQL, on a database it empties first (never a real one).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np


def _load(folder: Path, gminas: int, powiats: int, voivodeships: int, spacing: float) -> str:
    from kooperacja.democity.gminas import build_country, write_country
    from kooperacja.records.models import Code, Institution, Submission, UnitCount
    from kooperacja.territory.models import Population, Unit
    from kooperacja.territory.services.boundaries import import_units

    country = build_country(gminas, powiats, voivodeships, spacing=spacing)
    paths = write_country(country, folder)
    import_units(paths["wojewodztwo"], "wojewodztwo", "kod", "nazwa")
    import_units(paths["powiat"], "powiat", "kod", "nazwa", parent_level="wojewodztwo",
                 parent_field="nadrzedna")
    import_units(paths["gmina"], "gmina", "kod", "nazwa", parent_level="powiat",
                 parent_field="nadrzedna")
    rng = np.random.default_rng(20)
    units = list(Unit.objects.current().select_related("parent__parent"))
    people: dict[int, int] = {}
    cases: dict[int, int] = {}
    for unit in units:
        if unit.level.code != "gmina":
            continue
        n = int(rng.lognormal(9, 0.8)) + 1000
        k = int(rng.poisson(n * rng.uniform(0.005, 0.04)))
        for pk in (unit.pk, unit.parent_id, unit.parent.parent_id):  # type: ignore[union-attr]
            people[pk] = people.get(pk, 0) + n
            cases[pk] = cases.get(pk, 0) + k
    Population.objects.bulk_create(Population(unit_id=pk, year=2025, count=n)
                                   for pk, n in people.items())
    who = Institution.objects.create(code="mops", name="MOPS", kind="mops")
    submission = Submission.objects.create(
        institution=who, period="2025", period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31), layout="mops", status="active",
        review=Submission.Review.APPROVED)  # published on the public map
    code = Code.objects.get(code_list__code="mops_reason", code="1")
    level_of = {u.pk: u.level_id for u in units}
    UnitCount.objects.bulk_create(
        UnitCount(unit_id=pk, level_id=level_of[pk], institution=who, submission=submission,
                  period="2025", code_list=code.code_list, code=code, persons=n, families=n)
        for pk, n in cases.items())
    from kooperacja.territory.answers import inputs_changed

    inputs_changed()
    return f"{country.vertices():,} vertices"


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def run(quick: bool = False) -> Iterator[dict]:
    gminas, powiats, voivodeships, spacing = ((300, 40, 4, 500.0) if quick
                                              else (2477, 380, 16, 50.0))
    with tempfile.TemporaryDirectory(prefix="kooperacja-bench-regional-") as tmp:
        os.environ["KOOPERACJA_DATA_DIR"] = str(Path(tmp) / "data")
        scratch = os.environ.get("REGIONAL_MAP_DATABASE_URL")
        if scratch:
            os.environ["DATABASE_URL"] = scratch
        else:
            os.environ.pop("DATABASE_URL", None)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kooperacja.settings")
        import django
        from django.core.management import call_command

        django.setup()
        from django.db import connection

        if scratch:  # emptied whole: a flush would also drop the code lists migrations load
            with connection.cursor() as cursor:
                cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
        call_command("migrate", verbosity=0, interactive=False)
        from django.test import Client

        from kooperacja.core.simplify import BANDS
        from kooperacja.territory import answers
        from kooperacja.territory.services import mapshapes

        database = connection.vendor
        started = time.perf_counter()
        vertices = _load(Path(tmp) / "files", gminas, powiats, voivodeships, spacing)
        yield {"name": "regional map: the country generated and imported (not a target)",
               "gminas": gminas, "vertices": vertices, "database": database,
               "seconds": round(time.perf_counter() - started, 1)}
        client = Client(HTTP_ACCEPT_LANGUAGE="pl", SERVER_NAME="localhost",
                        HTTP_ACCEPT_ENCODING="gzip")
        client.get("/api/v1/levels")  # the process's first request loads the URLs

        def cold() -> None:
            answers.forget()
            mapshapes._shapes.clear()

        def timed(url: str, **headers: str) -> tuple[float, object]:
            started = time.perf_counter()
            response = client.get(url, headers=headers)
            return time.perf_counter() - started, response

        # The first ever request at the country's zoom: nothing simplified yet.
        cold()
        shutil.rmtree(Path(tmp) / "data" / "cache", ignore_errors=True)
        first, response = timed("/api/v1/units?level=gmina&zoom=6")
        yield {"name": "regional map: gminas' GeoJSON at zoom 6 before anything was "
                       "simplified (the task worker had not run)", "database": database,
               "ms": _ms(first)}
        from kooperacja.web.services.warm import warm

        started = time.perf_counter()
        done = warm()
        yield {"name": "regional map: the task worker simplifies every level's zoom bands "
                       "after the import (web/services/warm.py, with the indicators)",
               "database": database, "bands": done["map_bands"],
               "seconds": round(time.perf_counter() - started, 1)}
        for band in BANDS:
            url = f"/api/v1/units?level=gmina&zoom={band.min_zoom}"
            cold()  # a web process that has built nothing; the worker's files are there
            first, response = timed(url)
            assert response.status_code == 200, response.content  # type: ignore[attr-defined]
            warm = statistics.median(timed(url)[0] for _ in range(10))
            plain = client.get(url, headers={"accept-encoding": "identity"})

            body = json.loads(plain.content)
            yield {"name": f"regional map: gminas' GeoJSON at zoom {band.min_zoom}–"
                           f"{band.max_zoom}, whole level", "database": database,
                   "asked_tolerance_m": band.tolerance, "tolerance_m": body["tolerance_m"],
                   "bytes": len(plain.content),
                   "gzip_bytes": len(response.content),  # type: ignore[attr-defined]
                   "ms_cold": _ms(first), "ms_warm": _ms(warm),
                   "limit_bytes": mapshapes.MAX_BYTES}
        # A view at zoom 14 (about 40 × 25 km on a laptop's screen, padded as the map does).
        url = "/api/v1/units?level=gmina&zoom=14&bbox=18.7,49.9,19.4,50.3"
        cold()
        first, response = timed(url)
        warm = statistics.median(timed(url)[0] for _ in range(10))
        plain = client.get(url, headers={"accept-encoding": "identity"})
        body = json.loads(plain.content)
        yield {"name": "regional map: gminas' GeoJSON at zoom 14, one view (bbox)",
               "database": database, "tolerance_m": body["tolerance_m"],
               "with_geometry": sum(f["geometry"] is not None for f in body["features"]),
               "bytes": len(plain.content), "ms_cold": _ms(first), "ms_warm": _ms(warm)}

        units = "/api/v1/units?level=gmina&zoom=6"
        values = "/api/v1/indicators/poverty/values?level=gmina&period=2025&classes=quantiles"
        cold()
        started = time.perf_counter()
        first_values = client.get(values)
        assert first_values.status_code == 200, first_values.content
        yield {"name": "regional map: the indicator's values of all gminas, first request "
                       "(published by the task worker's warming above; not the target)",
               "database": database, "seconds": round(time.perf_counter() - started, 2)}
        cold()
        started = time.perf_counter()
        client.get(units)
        client.get(values)
        yield {"name": "regional map: units (zoom 6) + values, in a process that had nothing "
                       "(values published in the database)",
               "database": database, "ms": _ms(time.perf_counter() - started)}
        rounds = []
        for _ in range(20):
            started = time.perf_counter()
            a, b = client.get(units), client.get(values)
            rounds.append(time.perf_counter() - started)
            assert a.status_code == b.status_code == 200
        yield {"name": "regional map: units (zoom 6) + an indicator's values, all gminas, warm",
               "database": database, "ms_median": _ms(statistics.median(rounds)),
               "ms_max": _ms(max(rounds)), "bytes": len(a.content) + len(b.content),
               "target_ms": 300}
        etags = (client.get(units)["ETag"], client.get(values)["ETag"])
        rounds = []
        for _ in range(20):
            started = time.perf_counter()
            a = client.get(units, headers={"if-none-match": etags[0]})
            b = client.get(values, headers={"if-none-match": etags[1]})
            rounds.append(time.perf_counter() - started)
            assert a.status_code == b.status_code == 304
        yield {"name": "regional map: both again with If-None-Match, 304", "database": database,
               "ms_median": _ms(statistics.median(rounds))}
        cold()
        started = time.perf_counter()
        a = client.get(units, headers={"if-none-match": etags[0]})
        b = client.get(values, headers={"if-none-match": etags[1]})
        assert a.status_code == b.status_code == 304
        yield {"name": "regional map: 304 in a process that had nothing (the tag is the "
                       "inputs' version, nothing built)", "database": database,
               "ms": _ms(time.perf_counter() - started)}
