"""Who sees what (docs/domain.md), one helper per model, used by every view and command.

- partner: its institutions' submissions and their reports; their counts;
- analyst: counts of every institution of its territories; no record-level data;
- administrator (a membership role or a superuser): everything in configuration, and
  record-level data only through :func:`read_records`, which is audited.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from kooperacja.records.models import Membership, Record, Submission, UnitCount
from kooperacja.records.services.audit import record_event

Role = Membership.Role


def is_administrator(user: Any) -> bool:
    return bool(user.is_authenticated and (
        user.is_superuser or user.memberships.filter(role=Role.ADMINISTRATOR).exists()
    ))


def _institutions(user: Any, *roles: str) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user, role__in=roles).values("institution_id")


def submissions_for(user: Any) -> QuerySet[Submission]:
    """Submissions (and their import reports) the user may see."""
    if not user.is_authenticated:
        return Submission.objects.none()
    if is_administrator(user):
        return Submission.objects.all()
    return Submission.objects.filter(
        institution_id__in=_institutions(user, Role.PARTNER, Role.ANALYST)
    )


def can_upload(user: Any, institution_id: int) -> bool:
    return bool(user.is_authenticated and Membership.objects.filter(
        user=user, institution_id=institution_id, role__in=[Role.PARTNER, Role.ADMINISTRATOR]
    ).exists())


def unit_counts_for(user: Any) -> QuerySet[UnitCount]:
    """Counts per unit the user may see (before disclosure control for its audience)."""
    if not user.is_authenticated:
        return UnitCount.objects.none()
    if is_administrator(user):
        return UnitCount.objects.all()
    territories = Membership.objects.filter(
        user=user, role=Role.ANALYST, institution__territory__isnull=False
    ).values("institution__territory__code")
    own = _institutions(user, Role.PARTNER, Role.ANALYST)
    return UnitCount.objects.filter(institution_id__in=own) | UnitCount.objects.filter(
        unit__territory__code__in=territories
    )


def read_records(user: Any, submission: Submission, reason: str) -> QuerySet[Record]:
    """Record-level data of ``submission``: administrators only, always audited."""
    if not is_administrator(user):
        raise PermissionDenied("record-level data is for administrators")
    if not reason.strip():
        raise PermissionDenied("a record-level read needs a stated reason")
    record_event(user, "record_read", submission, {"reason": reason})
    return Record.objects.filter(submission=submission)
