"""Benchmark: generating the demo city's files (`build_city`) at scale 10 (quick: scale 1)."""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from kooperacja.democity import build_city


def run(quick: bool = False) -> Iterator[dict]:
    """Yield one figure: seconds to build the demo city at scale 10 (1 when quick)."""
    scale = 1 if quick else 10
    with tempfile.TemporaryDirectory(prefix="democity-") as tmp:
        start = time.perf_counter()
        manifest = build_city(Path(tmp), seed=2026, scale=scale)
        seconds = time.perf_counter() - start
    yield {
        "name": f"democity_generate_scale_{scale}",
        "seconds": round(seconds, 3),
        "scale": scale,
        "address_points": manifest.files["addresses"].rows,
        "mops_rows": manifest.mops["rows"],
        "pup_rows": manifest.pup["rows"],
    }


if __name__ == "__main__":
    import sys

    for figure in run(quick="--quick" in sys.argv):
        print(json.dumps(figure))
