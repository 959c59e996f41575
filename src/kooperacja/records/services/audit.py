"""The audit log: every upload, record-level read and export is written down."""

from __future__ import annotations

import getpass
from typing import Any

from kooperacja.records.models import AuditEvent


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
