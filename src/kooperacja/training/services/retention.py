"""Applicants' personal data kept for ``KOOPERACJA_TRAINING_RETENTION_MONTHS`` after their
offer ends, then deleted (the offer's results by sex and age are kept as counts)."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from kooperacja.records.services.audit import record_event
from kooperacja.training.models import Applicant, Offer, Sex
from kooperacja.training.services.results import CONDITIONS, STAGES

DEFAULT_MONTHS = 24


def retention_months() -> int:
    return int(getattr(settings, "KOOPERACJA_TRAINING_RETENTION_MONTHS", DEFAULT_MONTHS))


def expired_offers(today: dt.date | None = None) -> list[Offer]:
    cutoff = (today or timezone.localdate()) - relativedelta(months=retention_months())
    return list(Offer.objects.filter(ends_on__lt=cutoff, applicants__isnull=False).distinct())


def purge_applicants(today: dt.date | None = None, *, dry_run: bool = False) -> int:
    """Delete the applicants of every offer past retention; how many. The audit log keeps
    each offer's counts by stage and sex, so that its results are still known."""
    total = 0
    for offer in expired_offers(today):
        applicants = Applicant.objects.filter(offer=offer)
        count = applicants.count()
        total += count
        if dry_run:
            continue
        summary = applicants.aggregate(**{
            f"{stage}_{sex}": Count("pk", filter=CONDITIONS[stage] & Q(sex=sex))
            for stage in STAGES for sex in Sex.values})
        with transaction.atomic():
            record_event(None, "retention", offer, {
                "institution": offer.institution.code, "applicants": count,
                "ended": offer.ends_on.isoformat(), "counts": summary}, actor="system")
            applicants.delete()
    return total
