"""Run the benchmarks and print each figure as a JSON line.

    python benchmarks/run.py                 # every benchmark
    python benchmarks/run.py geocoder demo   # some of them
    python benchmarks/run.py --quick         # small sizes, a smoke run
    python benchmarks/run.py --cpus 1 prg_import_gml   # on one core, as the targets say

Each benchmark module in this folder exposes ``run(quick) -> Iterator[dict]``. Every module
runs in a process of its own, so each figure carries that process's peak memory
(``peak_rss_mb``, the high-water mark so far) without one benchmark inflating another's.

The first and the last line, ``machine``, time a fixed loop of plain Python: machines of
the same kind have run it twice as fast at one time as at another, sometimes within the
hour, and figures compare only with it beside them.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from kooperacja.core.prefetch import usable_cores

HERE = Path(__file__).resolve().parent


def available() -> list[str]:
    # Modules named _… hold what several benchmarks share.
    return sorted(p.stem for p in HERE.glob("*.py")
                  if p.stem not in ("run", "__init__") and not p.stem.startswith("_"))


def run_one(name: str, quick: bool) -> None:
    sys.path.insert(0, str(HERE))
    module = importlib.import_module(name)
    for figure in module.run(quick=quick):
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        # A benchmark that measures a child process reports that child's peak itself.
        figure = {"benchmark": name, "peak_rss_mb": round(peak_kb / 1024, 1),
                  "cpus": usable_cores(), **figure,
                  "at": _now()}
        print(json.dumps(figure, ensure_ascii=False), flush=True)


def machine() -> dict:
    """How long this machine takes now for five million steps of a Python loop."""
    started = time.perf_counter()
    sum(i * i for i in range(5_000_000))
    return {"benchmark": "machine", "python_loop_5m_s": round(time.perf_counter() - started, 2),
            "cpus": usable_cores(), "at": _now()}


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help=f"benchmarks to run (default all: {', '.join(available())})")
    parser.add_argument("--quick", action="store_true", help="small sizes, to check the benchmarks run")
    parser.add_argument("--cpus", type=int, metavar="N",
                        help="run on N of this machine's cores only (the import's GML readers "
                             "start one worker per core they may use)")
    parser.add_argument("--in-process", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cpus is not None:
        cores = sorted(os.sched_getaffinity(0))
        if not 1 <= args.cpus <= len(cores):
            parser.error(f"--cpus: this machine lets the benchmarks use 1 to {len(cores)} cores")
        os.sched_setaffinity(0, cores[: args.cpus])  # the benchmark processes inherit it
    names = args.names or available()
    unknown = set(names) - set(available())
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")
    if args.in_process:
        run_one(names[0], args.quick)
        return 0
    print(json.dumps(machine()), flush=True)
    failed = 0
    for name in names:
        command = [sys.executable, __file__, name, "--in-process"] + (["--quick"] if args.quick else [])
        failed += subprocess.call(command) != 0
    print(json.dumps(machine()), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
