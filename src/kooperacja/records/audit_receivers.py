"""Logins, failed logins, lockouts and administrative changes go into the audit log."""

from __future__ import annotations

import json
from typing import Any

from django.apps import apps
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.http import HttpRequest

from kooperacja.records.services.audit import client_address, record_event

ADMIN_ACTIONS = {ADDITION: "admin_add", CHANGE: "admin_change", DELETION: "admin_delete"}
UNKNOWN_ACCOUNT = "?"


@receiver(user_logged_in, dispatch_uid="audit_login")
def login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    record_event(user, "login", "session", address=client_address(request))


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def login_failed(sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None,
                 **kwargs: Any) -> None:
    account = _account(credentials.get("username") or credentials.get("email") or "")
    # A name that is no account is not kept: it is often a password typed in the wrong field.
    record_event(account, "login_failed", "session", {"known_account": account is not None},
                 actor=account.get_username() if account else UNKNOWN_ACCOUNT,
                 address=client_address(request))


def _account(name: str) -> Any | None:
    if not name:
        return None
    users = get_user_model()._default_manager
    found = users.filter(**{f"{get_user_model().USERNAME_FIELD}__iexact": name}).first()
    return found or users.filter(email__iexact=name).exclude(email="").first()


def lockout(sender: Any, request: HttpRequest | None = None, username: str | None = None,
            ip_address: str | None = None, **kwargs: Any) -> None:
    account = _account(username or "")
    record_event(account, "lockout", "session", {"known_account": account is not None},
                 actor=account.get_username() if account else UNKNOWN_ACCOUNT,
                 address=ip_address or client_address(request))


if apps.is_installed("axes"):
    from axes.signals import user_locked_out

    user_locked_out.connect(lockout, dispatch_uid="audit_lockout")


@receiver(post_save, sender=LogEntry, dispatch_uid="audit_admin_change")
def admin_change(sender: Any, instance: LogEntry, created: bool, **kwargs: Any) -> None:
    """One admin addition, change or deletion (the admin's delete of several objects at
    once writes its entries in bulk, without this signal: see records/admin.py)."""
    if created:
        record_admin_change(instance.user, instance.action_flag, instance.content_type.model,
                            str(instance.object_id), changed_fields(instance.change_message))


def record_admin_change(user: Any, flag: int, model: str, object_id: str,
                        fields: list[str] | None = None) -> None:
    record_event(user, ADMIN_ACTIONS[flag], model, {"fields": fields} if fields else None,
                 object_id=object_id)


def changed_fields(message: str) -> list[str]:
    """The names of the fields a change message lists (never their values)."""
    try:
        parts = json.loads(message or "[]")
    except ValueError:
        return []
    fields: list[str] = []
    for part in parts if isinstance(parts, list) else []:
        for change in part.values() if isinstance(part, dict) else []:
            fields += [str(f) for f in change.get("fields", [])] if isinstance(change, dict) else []
    return fields
