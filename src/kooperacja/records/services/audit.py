"""The audit log: every upload, record-level read and export is written down."""

from __future__ import annotations

import getpass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from kooperacja import policy
from kooperacja.records.models import AuditEvent, Record, Submission


def actor_of(user: Any | None) -> str:
    """The name an event is filed under: the account, or the system user at the CLI."""
    if user is not None and getattr(user, "is_authenticated", False):
        return str(user.get_username())
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def record_event(
    user: Any | None, action: str, obj: object | str, detail: dict[str, Any] | None = None
) -> AuditEvent:
    """Write one audit event; ``obj`` is a model instance or a short description."""
    object_type = obj._meta.model_name if hasattr(obj, "_meta") else str(obj)
    object_id = str(getattr(obj, "pk", "") or "")
    return AuditEvent.objects.create(
        user=user if user is not None and getattr(user, "is_authenticated", False) else None,
        actor=actor_of(user), action=action, object_type=object_type, object_id=object_id,
        detail=detail or {},
    )


def read_records(user: Any, submission: Submission, reason: str) -> QuerySet[Record]:
    """Record-level data of ``submission`` for whom the policy allows, always audited
    with the reason given."""
    policy.check(user, policy.Action.READ_RECORDS, institution=submission.institution_id)
    if not reason.strip():
        raise PermissionDenied("a record-level read needs a stated reason")
    record_event(user, "record_read", submission, {"reason": reason})
    return Record.objects.filter(submission=submission)
