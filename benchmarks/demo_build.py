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
    """The demo city alone, then with a second gmina (``--territories 2``)."""
    scale = 1 if quick else 10
    for territories in (1, 2):
        with tempfile.TemporaryDirectory(prefix="kooperacja-bench-demo-") as tmp:
            env = {**os.environ, "KOOPERACJA_DATA_DIR": os.path.join(tmp, "data")}
            env.pop("DATABASE_URL", None)
            command = [sys.executable, "-m", "kooperacja", "demo", "--build-only", "--scale",
                       str(scale), "--territories", str(territories),
                       "--dir", os.path.join(tmp, "files")]
            started = time.perf_counter()
            subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
            seconds = time.perf_counter() - started
            # The peak of every child so far: the second run's includes the first's.
            peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            name = f"demo_build_scale_{scale}" + ("" if territories == 1 else "_territories_2")
            yield {"name": name, "scale": scale, "territories": territories,
                   "seconds": round(seconds, 2), "peak_rss_mb": round(peak_kb / 1024, 1)}
