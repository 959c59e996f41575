"""Retention: what an institution sent is deleted once kept as long as its agreement allows.

An institution's ``retention_months`` counts from when a submission was received (uploaded
or imported). Past it, the submission's records, codes and counts are deleted with the
submission itself; the indicators then no longer count them. The review queue's addresses
expire on their own clock (KOOPERACJA_REVIEW_RETENTION_DAYS). Run daily by cron or a
systemd timer (docs/operations.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from kooperacja.addresses.services.review import purge_expired_review
from kooperacja.records.models import Institution, Submission
from kooperacja.records.services.audit import record_event
from kooperacja.records.services.importing import delete_submission_rows


@dataclass
class RetentionResult:
    submissions: int
    review_entries: int


def expired_submissions(now: dt.datetime | None = None) -> list[Submission]:
    """Finished submissions received longer ago than their institution's retention period."""
    now = now or timezone.now()
    expired: list[Submission] = []
    for institution in Institution.objects.filter(retention_months__isnull=False):
        cutoff = now - relativedelta(months=institution.retention_months or 0)
        expired += Submission.objects.finished().filter(
            institution=institution, created_at__lt=cutoff
        ).select_related("institution")
    return expired


def enforce_retention(now: dt.datetime | None = None, *, dry_run: bool = False) -> RetentionResult:
    """Delete the expired submissions with their data, and the expired review entries."""
    expired = expired_submissions(now)
    if dry_run:
        return RetentionResult(len(expired), 0)
    for submission in expired:
        with transaction.atomic():
            record_event(None, "retention", submission, {
                "institution": submission.institution.code, "period": submission.period,
                "received": submission.created_at.isoformat(),
            }, actor="system")
            delete_submission_rows([submission.pk])
            submission.delete()
    return RetentionResult(len(expired), purge_expired_review(now))
