"""An extract sent over the web (the upload page or the API): kept under a random name and
queued for the task worker."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from kooperacja.core.submissions.periods import Period
from kooperacja.records.models import Institution, Submission
from kooperacja.records.tasks import import_upload


def upload_dir() -> Path:
    path = Path(settings.DATA_DIR) / "uploads"
    path.mkdir(mode=0o700, exist_ok=True)
    return path


def queue_upload(institution: Institution, period: Period, layout: str, strict: bool,
                 file: UploadedFile, user: Any = None) -> Submission:
    """Store ``file`` and queue its import; the submission shows its progress."""
    # A random name: the uploaded name may carry a person's name.
    target = upload_dir() / f"{uuid.uuid4().hex}{Path(file.name or '').suffix.lower()}"
    with target.open("wb") as out:
        for piece in file.chunks():
            out.write(piece)
    submission = Submission.objects.create(
        institution=institution, period=period.label, period_start=period.start,
        period_end=period.end, layout=layout, strict=strict, file_name=(file.name or "")[:255],
        upload_path=str(target), created_by=user,
    )
    import_upload.enqueue(submission.pk)
    return submission
