"""Hand-built submissions for the cycle tests: a submission in any state without an import."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kooperacja.records.models import Institution, Submission

TODAY = dt.date(2026, 3, 1)


def sent(institution: Institution, period: str = "2025", layout: str = "mops",
         status: str = Submission.Status.ACTIVE, review: str = Submission.Review.PENDING,
         rejected: int = 0, **extra: Any) -> Submission:
    year = int(period[:4])
    return Submission.objects.create(
        institution=institution, period=period, period_start=dt.date(year, 1, 1),
        period_end=dt.date(year, 12, 31), layout=layout, status=status, review=review,
        rows_imported=10, rows_rejected=rejected, **extra)
