"""Side by side: `kooperacja indicators` + `kooperacja hotspots --method lisa` against the
script a GIS analyst would write for the same output (``plain/analyst_script.py``:
geopandas, pandas, libpysal, esda, mapclassify), each as whole processes, on one synthetic
territory of 3,200 grid cells (a city, 32 districts of 100 cells).

Both read the same counts: the commands from the database the benchmark fills, the script
from a GeoJSON of the cells and a CSV of the counts written from it.  The pair of commands
and the script run alternately, three times each; the figures are the medians and their
ratio, in wall-clock seconds and in CPU seconds (user + system of the processes: on a
machine other work shares, the steadier of the two).  Target (issue 14): the commands
take at most 1.5 times the script.  The commands do more (95% intervals, location quotients,
change, disclosure control over three levels, metadata); the script's output is what an
analyst would hand over without them.
"""

from __future__ import annotations

import csv
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _write_inputs(folder: Path, cells: list, people: object, cases: object) -> tuple[Path, Path]:
    units = folder / "cells.geojson"
    features = [
        {"type": "Feature", "properties": {"unit_code": cell.code},
         "geometry": json.loads(cell.geometry)}
        for cell in cells
    ]
    units.write_text(json.dumps({"type": "FeatureCollection", "features": features}),
                     encoding="utf-8")
    counts = folder / "counts.csv"
    with counts.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["unit_code", "cases", "population"])
        writer.writerows([cell.code, int(c), int(p)] for cell, c, p in zip(cells, cases, people))  # type: ignore[call-overload]
    return units, counts


def _timed(commands: list[list[str]], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock seconds and CPU seconds (user + system, of the child processes)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    for command in commands:
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def run(quick: bool = False) -> Iterator[dict]:
    columns, rows = (20, 10) if quick else (80, 40)
    repeats = 1 if quick else 3
    with tempfile.TemporaryDirectory(prefix="kooperacja-bench-plain-") as tmp:
        folder = Path(tmp)
        os.environ["KOOPERACJA_DATA_DIR"] = str(folder / "data")
        os.environ.pop("DATABASE_URL", None)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kooperacja.settings")
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0, interactive=False)
        sys.path.insert(0, str(HERE))
        from indicators import _build

        cells, people, cases = _build(columns, rows)
        units, counts = _write_inputs(folder, cells, people, cases)
        env = {**os.environ}
        kooperacja = [sys.executable, "-m", "kooperacja"]
        common = ["--indicator", "poverty", "--level", "cell", "--period", "2025"]
        ours = [
            [*kooperacja, "indicators", *common, "--out", str(folder / "rates.csv")],
            [*kooperacja, "hotspots", *common, "--method", "lisa",
             "--out", str(folder / "hotspots.geojson")],
        ]
        plain = [[sys.executable, str(HERE / "plain" / "analyst_script.py"), str(units),
                  str(counts), str(folder)]]
        startup = [[*kooperacja, "--help"]]
        times: dict[str, list[tuple[float, float]]] = {"commands": [], "plain": [], "startup": []}
        for _ in range(repeats):
            times["plain"].append(_timed(plain, env))
            times["commands"].append(_timed(ours, env))
            times["startup"].append(_timed(startup, env))
        n = columns * rows
        wall = {name: statistics.median(t[0] for t in runs) for name, runs in times.items()}
        cpu = {name: statistics.median(t[1] for t in runs) for name, runs in times.items()}
        names = {"plain": "plain script (geopandas + esda): rates, EB, classes, LISA 999",
                 "commands": "kooperacja indicators + hotspots --method lisa (two processes)"}
        for key, name in names.items():
            yield {"name": name, "units": n, "seconds": round(wall[key], 2),
                   "cpu_seconds": round(cpu[key], 2),
                   "runs": [round(t[0], 2) for t in times[key]]}
        yield {"name": "ratio commands / plain script", "units": n,
               "ratio": round(wall["commands"] / wall["plain"], 2),
               "cpu_ratio": round(cpu["commands"] / cpu["plain"], 2), "target_ratio": 1.5}
        yield {"name": "kooperacja --help (start-up)", "seconds": round(wall["startup"], 2),
               "cpu_seconds": round(cpu["startup"], 2), "target_seconds": 1.0}
