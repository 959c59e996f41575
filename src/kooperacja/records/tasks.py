"""Background work: an uploaded file is imported by the task worker (`kooperacja db_worker`)."""

from __future__ import annotations

import contextlib
from pathlib import Path

from django_tasks import task

from kooperacja.core.errors import UserError
from kooperacja.records.models import Submission
from kooperacja.records.services.importing import import_submission


@task()
def import_upload(submission_id: int) -> str:
    """Import a queued upload; the file is deleted whatever the outcome."""
    submission = Submission.objects.select_related("institution",
                                                   "created_by").get(pk=submission_id)
    # A UserError is not lost: the submission carries its message for the report page.
    with contextlib.suppress(UserError):
        import_submission(
            Path(submission.upload_path), submission.institution, submission.period,
            submission.layout, strict=submission.strict, user=submission.created_by,
            submission=submission, delete_file=True,
        )
    submission.refresh_from_db()
    return submission.status
