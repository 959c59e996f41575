"""Benchmark: importing the address register into the database (SQLite by default).

A synthetic converted CSV of 7.5 million points (the national register's size) is
written with ``prg_read.write_synthetic_csv``, imported into a fresh database with
one level of 100 units covering Poland (so every point is also assigned to a unit),
then imported again unchanged (the monthly refresh case). ``prg_import_gml`` does the
same for GML.
"""

from __future__ import annotations

import os
import resource
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from prg_read import _label, write_synthetic_csv


def run(quick: bool = False) -> Iterator[dict]:
    points = 50_000 if quick else 7_500_000
    with tempfile.TemporaryDirectory(prefix="kooperacja-bench-") as tmp:
        set_up_database(Path(tmp))
        path = write_synthetic_csv(Path(tmp) / "prg.csv", points)
        for name in ("", "_again"):
            yield timed_import(f"prg_import_csv_{_label(points)}{name}", path, points)


def set_up_database(tmp: Path) -> None:
    """A fresh database in ``tmp`` with a 10 × 10 grid over the synthetic points' extent
    as the level "region"."""
    os.environ["KOOPERACJA_DATA_DIR"] = str(tmp / "data")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kooperacja.settings")
    import django
    import shapely
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)

    from kooperacja.territory.services.boundaries import import_units
    from kooperacja.testing import write_layer

    cells, codes = [], []
    for i in range(10):
        for j in range(10):
            x, y = 180_000 + i * 65_000, 150_000 + j * 60_000
            cells.append(shapely.box(x, y, x + 65_000, y + 60_000))
            codes.append(f"R{i}{j}")
    path = write_layer(tmp / "grid.gpkg", cells, {"code": codes, "name": codes}, "EPSG:2180")
    import_units(path, "region", "code", "name")


def timed_import(name: str, path: Path, points: int) -> dict:
    """Import ``path`` and report the time; worker peak is the largest child process's."""
    from kooperacja.addresses.services.register import import_addresses

    started = time.perf_counter()
    result = import_addresses(path)
    seconds = time.perf_counter() - started
    return {
        "name": name, "points": points, "seconds": round(seconds, 1),
        "points_per_s": round(points / seconds), "new": result.register_import.new,
        "unchanged": result.register_import.unchanged,
        "worker_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
    }
