"""Building the demo city end to end, as a user does: `kooperacja demo --build-only`."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator


def run(quick: bool = False) -> Iterator[dict]:
    scale = 1 if quick else 10
    with tempfile.TemporaryDirectory(prefix="kooperacja-bench-demo-") as tmp:
        env = {**os.environ, "KOOPERACJA_DATA_DIR": os.path.join(tmp, "data")}
        env.pop("DATABASE_URL", None)
        command = [sys.executable, "-m", "kooperacja", "demo", "--build-only", "--scale",
                   str(scale), "--dir", os.path.join(tmp, "files")]
        started = time.perf_counter()
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
        seconds = time.perf_counter() - started
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        yield {"name": f"demo_build_scale_{scale}", "scale": scale, "seconds": round(seconds, 2),
               "peak_rss_mb": round(peak_kb / 1024, 1)}
