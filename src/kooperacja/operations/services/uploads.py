"""Uploaded files waiting for import: where they are kept and how leftovers are removed.

An upload holds raw personal data (PESELs, names, addresses). The import deletes it
whatever the outcome; :func:`sweep_uploads` removes any a crash left behind.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from django.conf import settings

from kooperacja.records.models import Submission

# A file this young may be one the web server is still writing (its submission not yet
# saved), so the sweeper leaves it unless its submission is known.
GRACE = dt.timedelta(minutes=15)


def upload_dir() -> Path:
    """The folder of uploads waiting for import (0700, in the data directory)."""
    path = Path(settings.DATA_DIR) / "uploads"
    path.mkdir(mode=0o700, exist_ok=True)
    return path


def sweep_uploads(now: float | None = None) -> int:
    """Delete uploaded files no queued or running import needs; return how many.

    A file whose submission has finished (imported, rejected, failed) goes at once; a
    file no submission names goes once older than :data:`GRACE`.
    """
    now = time.time() if now is None else now
    waiting = set(Submission.objects.in_progress().exclude(upload_path="")
                  .values_list("upload_path", flat=True))
    known = set(Submission.objects.exclude(upload_path="").values_list("upload_path", flat=True))
    deleted = 0
    for path in upload_dir().iterdir():
        if str(path) in waiting or not path.is_file():
            continue
        if str(path) in known or now - path.stat().st_mtime > GRACE.total_seconds():
            path.unlink(missing_ok=True)
            deleted += 1
    return deleted
