"""An extract sent over the web (the upload page or the API): kept under a random name and
queued for the task worker."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import UploadedFile

from kooperacja.operations.services.uploads import upload_dir
from kooperacja.records.models import Submission
from kooperacja.records.services.parameters import ImportParameters
from kooperacja.records.tasks import import_upload


def queue_upload(
    params: ImportParameters, file: UploadedFile[bytes], user: Any = None
) -> Submission:
    """Store ``file`` and queue its import; the submission shows its progress."""
    # A random name: the uploaded name may carry a person's name.
    target = upload_dir() / f"{uuid.uuid4().hex}{Path(file.name or '').suffix.lower()}"
    with target.open("wb") as out:
        for piece in file.chunks():
            out.write(piece)
    submission = Submission.objects.create(
        institution=params.institution, period=params.period.label,
        period_start=params.period.start, period_end=params.period.end,
        layout=params.layout.name, level=params.level, strict=params.strict,
        file_name=(file.name or "")[:255], upload_path=str(target), created_by=user,
    )
    import_upload.enqueue(submission.pk)
    return submission
