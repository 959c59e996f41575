"""Benchmark: the synthetic country (`democity/country.py`) at national scale, on the
database of ``DATABASE_URL`` (PostgreSQL for the targets; SQLite in a temporary folder
without it).

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/h_national \\
        NATIONAL_SCALE=0.2 python benchmarks/run.py national

On PostgreSQL it works in a database of its own, ``<the URL's database>_bench``, dropped
and created afresh. The figures, each a JSON line:

- ``national_generate``: the country's boundaries and register written (the files' size);
- ``national_units``: the three levels imported (voivodeships, powiats with their
  voivodeship, gminas with their powiat: 2,873 units);
- ``national_register``: the register loaded with ``import_addresses`` (every point given
  its unit at the three levels), with ``full_scale_minutes`` = the time × 1 / scale
  (target: 7.5 million points in under 30 minutes);
- ``national_geocoder_load``: the register's geocoder built in one process (an import's
  worker does it once per register version);
- ``national_gmina_extract``: one gmina's MOPS extract of 50,000 rows imported (read,
  validate, pseudonymise, geocode, store, count) by a process whose geocoder is loaded,
  first alone, then while a second process imports a powiat PUP's extract (target:
  under 10 s while others import); ``concurrent_overlap_s`` is how long the other import
  ran during it.

``NATIONAL_SCALE`` (default 0.1; 0.002 with ``--quick``) scales the points; the extract
is 50,000 rows (5,000 with ``--quick``) at any scale.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

GMINA_ROWS = 50_000
OTHER_ROWS = 150_000


def run(quick: bool = False) -> Iterator[dict]:
    scale = float(os.environ.get("NATIONAL_SCALE") or (0.002 if quick else 0.1))
    rows = 5_000 if quick else GMINA_ROWS
    with tempfile.TemporaryDirectory(prefix="kooperacja-national-") as tmp_name:
        tmp = Path(tmp_name)
        database = _fresh_database(tmp)
        from kooperacja.democity.country import build_country, write_boundaries, write_register

        started = time.perf_counter()
        country = build_country(scale)
        boundaries = write_boundaries(country, tmp / "units")
        register = tmp / "prg.csv"
        points = write_register(country, register)
        yield {"name": "national_generate", "scale": scale, "points": points,
               "seconds": _since(started), "register_mb": round(register.stat().st_size / 1e6),
               "database": database}

        from kooperacja.territory.services.boundaries import import_units

        started = time.perf_counter()
        import_units(boundaries["wojewodztwo"], "wojewodztwo", "code", "name")
        import_units(boundaries["powiat"], "powiat", "code", "name",
                     parent_level="wojewodztwo", parent_field="parent")
        import_units(boundaries["gmina"], "gmina", "code", "name",
                     parent_level="powiat", parent_field="parent")
        yield {"name": "national_units", "units": 16 + 380 + 2_477,
               "seconds": _since(started)}

        from kooperacja.addresses.services.register import import_addresses

        load = os.getloadavg()[0]
        started = time.perf_counter()
        result = import_addresses(register, "csv")
        seconds = time.perf_counter() - started
        register.unlink()
        yield {"name": "national_register", "scale": scale, "points": points,
               "seconds": round(seconds, 1), "points_per_s": round(points / seconds),
               "full_scale_minutes": round(seconds / scale / 60, 1),
               "new": result.register_import.new, "load_before": round(load, 1),
               "load_after": round(os.getloadavg()[0], 1)}

        yield from _extracts(country, tmp, rows)


def _extracts(country, tmp: Path, rows: int) -> Iterator[dict]:  # type: ignore[no-untyped-def]
    from kooperacja.addresses.services.geocoding import loaded_register
    from kooperacja.democity.country import write_extract
    from kooperacja.records.services.importing import import_submission
    from kooperacja.records.services.institutions import add_institution

    mops = next(i for i in country.institutions if i.kind == "mops")
    pup = next(i for i in country.institutions
               if i.kind == "pup" and not set(i.gminas) & set(mops.gminas))
    gmina_file = write_extract(country, mops, "2025", tmp / "mops.csv", rows=rows)
    other_file = write_extract(country, pup, "2025", tmp / "pup.csv",
                               rows=OTHER_ROWS if rows == GMINA_ROWS else rows)
    institution = add_institution(mops.code, mops.name, "mops")
    add_institution(pup.code, pup.name, "pup")

    started = time.perf_counter()
    loaded = loaded_register()
    yield {"name": "national_geocoder_load", "points": len(loaded.pks),
           "seconds": _since(started)}

    def timed(name: str, **extra: object) -> dict:
        load = os.getloadavg()[0]
        began = time.perf_counter()
        submission = import_submission(gmina_file.path, institution, "2025", "mops")
        seconds = time.perf_counter() - began
        return {"name": name, "rows": rows, "seconds": round(seconds, 2),
                "rows_per_s": round(rows / seconds), "imported": submission.rows_imported,
                "rejected": submission.rows_rejected,
                "matched": submission.addresses_matched, "load_before": round(load, 1),
                "started": began, **extra}

    alone = timed("national_gmina_extract_alone")
    alone.pop("started")
    yield alone

    # A second process imports a PUP's extract (it loads its own geocoder first); this
    # one starts its own import when that one has begun importing.
    other = subprocess.Popen(
        [sys.executable, __file__, "--import", str(other_file.path), pup.code, "pup"],
        stdout=subprocess.PIPE, text=True, env=os.environ.copy())
    assert other.stdout is not None
    line = other.stdout.readline()
    if not line.startswith("importing"):
        raise RuntimeError(f"the other import did not start: {line!r}")
    other_began = time.perf_counter()
    together = timed("national_gmina_extract_while_another_imports")
    report = json.loads(other.stdout.readline())
    other.wait()
    other_ended = other_began + report["seconds"]
    together_began = together.pop("started")
    together["concurrent_overlap_s"] = round(
        max(0.0, min(other_ended, together_began + together["seconds"]) - together_began), 2)
    together["other_rows"] = report["rows"]
    together["other_seconds"] = report["seconds"]
    together["other_peak_rss_mb"] = report["peak_rss_mb"]
    yield together


def _fresh_database(tmp: Path) -> str:
    """Point Django at a new database (see the module's docstring) and migrate it."""
    os.environ["KOOPERACJA_DATA_DIR"] = str(tmp / "data")
    os.environ["KOOPERACJA_KEY_DIR"] = str(tmp / "key")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kooperacja.settings")
    url = os.environ.get("DATABASE_URL", "")
    vendor = "sqlite"
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        base, _, name = url.rpartition("/")
        bench = f"{name.split('?')[0] or 'postgres'}_bench"
        with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{bench}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{bench}"')
        os.environ["DATABASE_URL"] = f"{base}/{bench}"
        vendor = "postgresql"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    return vendor


def _since(started: float) -> float:
    return round(time.perf_counter() - started, 1)


def _import_one(path: str, code: str, layout: str) -> None:
    """The second process: load the geocoder, say so, import, print the figures."""
    import django

    django.setup()
    from kooperacja.addresses.services.geocoding import loaded_register
    from kooperacja.records.models import Institution
    from kooperacja.records.services.importing import import_submission

    loaded_register()
    institution = Institution.objects.get(code=code)
    print("importing", flush=True)
    began = time.perf_counter()
    submission = import_submission(path, institution, "2025", layout)
    print(json.dumps({
        "rows": submission.rows_read, "seconds": round(time.perf_counter() - began, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }), flush=True)


if __name__ == "__main__" and sys.argv[1:2] == ["--import"]:
    _import_one(*sys.argv[2:5])
