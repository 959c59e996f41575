"""Benchmark: importing a GML model-2021 register file into a fresh database.

The synthetic file (``prg_read.write_synthetic_gml2021``) has 7.5 million points, the
national register's size, about 8 GB; ``--quick`` uses 50,000. The file is read in
blocks by worker processes, one per core; their peak memory is reported apart.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

from prg_import import set_up_database, timed_import
from prg_read import _label, write_synthetic_gml2021


def run(quick: bool = False) -> Iterator[dict]:
    points = 50_000 if quick else 7_500_000
    with tempfile.TemporaryDirectory(prefix="kooperacja-bench-") as tmp:
        set_up_database(Path(tmp))
        path = write_synthetic_gml2021(Path(tmp) / "prg.gml", points)
        yield timed_import(f"prg_import_gml2021_{_label(points)}", path, points)
