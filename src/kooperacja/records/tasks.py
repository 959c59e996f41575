"""Background work: an uploaded file is imported by the task worker (`kooperacja db_worker`,
started by `kooperacja serve`; docs/operations.md)."""

from __future__ import annotations

from pathlib import Path

from django_tasks import task

from kooperacja.core.errors import UserError
from kooperacja.records.models import Submission
from kooperacja.records.services.importing import import_submission


@task()
def import_upload(submission_id: int) -> str:
    """Import a queued upload; the file is deleted whatever the outcome."""
    submission = Submission.objects.select_related("institution", "created_by").filter(
        pk=submission_id).first()
    if submission is None or submission.status != Submission.Status.QUEUED:
        # Deleted meanwhile (retention) or already failed (its worker died): nothing to import.
        if submission is not None and submission.upload_path:
            Path(submission.upload_path).unlink(missing_ok=True)
        return submission.status if submission else "missing"
    try:
        import_submission(
            Path(submission.upload_path), submission.institution, submission.period,
            submission.layout, strict=submission.strict, user=submission.created_by,
            submission=submission, delete_file=True,
        )
    except UserError:
        pass  # the submission carries the message for the report page
    except (SystemExit, KeyboardInterrupt):
        # The worker was told to stop at once: the report says so (the import cleaned up).
        Submission.objects.filter(pk=submission.pk).update(error=Submission.INTERRUPTED)
        raise
    submission.refresh_from_db()
    return submission.status
