"""Benchmark: a grid made after a 1-million-row MOPS extract was imported (``make-grid``
in one transaction: the address points' cells, population estimates, the records counted
per cell) into a fresh SQLite database.

The town is ``_town.py``'s, as for ``records_import`` (10 estates in a row, 20,000 address
points, the same extract), moved to 52°N 19°E so that the EPSG:3035 grid lies where it is
defined, under a city unit, with population per estate.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from _town import build_town, fresh_database, write_extract

# Where the EPSG:3035 grid is defined.
LON, LAT = 19.0, 52.0


def run(quick: bool = False) -> Iterator[dict]:
    rows = 50_000 if quick else 1_000_000
    with tempfile.TemporaryDirectory(prefix="kooperacja-bench-") as tmp:
        fresh_database(tmp)
        build_town(LON, LAT, city=True)
        path = Path(tmp) / "mops.csv"
        write_extract(path, rows)
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
