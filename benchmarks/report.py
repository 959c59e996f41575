"""The diagnosis report of the demo city (its districts and estates, every problem in its
data), built and written as DOCX and PDF: `kooperacja report` as a user runs it.

Target (issue 17): under 20 s for DOCX and PDF together on one core, under 500 MB. The demo
is built once (not timed); each template is one `kooperacja report` process writing both
files from one build, timed with its peak memory.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator


def _kooperacja(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kooperacja", *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)


def run(quick: bool = False) -> Iterator[dict]:
    with tempfile.TemporaryDirectory(prefix="kooperacja-bench-report-") as tmp:
        env = {**os.environ, "KOOPERACJA_DATA_DIR": os.path.join(tmp, "data")}
        env.pop("DATABASE_URL", None)
        _kooperacja(env, "demo", "--build-only", "--dir", os.path.join(tmp, "files"))
        code = (
            _kooperacja(
                env,
                "shell",
                "-v",
                "0",
                "-c",
                "from kooperacja.territory.models import Unit;"
                "print(Unit.objects.current().get(parent=None).code)",
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        period = (
            _kooperacja(
                env,
                "shell",
                "-v",
                "0",
                "-c",
                "from kooperacja.records.models import Submission;"
                "print(max(Submission.objects.active()"
                ".values_list('period', flat=True)))",
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        for template in ("diagnoza",) if quick else ("diagnoza", "ozps"):
            outs = [os.path.join(tmp, f"{template}.{fmt}") for fmt in ("docx", "pdf")]
            started = time.perf_counter()
            _kooperacja(
                env,
                "report",
                "--template",
                template,
                "--territory",
                code,
                "--period",
                period,
                *(arg for out in outs for arg in ("--out", out)),
            )
            seconds = time.perf_counter() - started
            yield {
                "name": f"report_{template}_docx_and_pdf",
                "seconds": round(seconds, 2),
                "kb": [os.path.getsize(out) // 1024 for out in outs],
                "target_s": 20,
                "target_mb": 500,
                "peak_rss_mb": _peak_mb(),
            }
