"""Benchmark: a 1-million-row MOPS extract end to end (read, validate, pseudonymise,
geocode, store, count) into a fresh SQLite database.

The town is synthetic (`_town.py`): 10 estates in a row, 200 streets of 100 numbers (20,000
address points); the extract repeats those addresses, as a city's register of clients does.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from _town import build_town, fresh_database, write_extract


def run(quick: bool = False) -> Iterator[dict]:
    rows = 50_000 if quick else 1_000_000
    with tempfile.TemporaryDirectory(prefix="kooperacja-bench-") as tmp:
        fresh_database(tmp)
        build_town()
        path = Path(tmp) / "mops.csv"
        write_extract(path, rows)
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
