"""The audit log: who did what, when and from where, as a hash chain (docs/security.md).

Every event goes through :func:`record_event`. Writers take the chain's head row
``FOR UPDATE`` (on SQLite every write transaction is already serialised: the settings
begin them IMMEDIATE), link the new event to the head's hash and move the head on in the
same transaction, so two writers can never link to one predecessor and an event rolled
back with its caller leaves no gap.
"""

from __future__ import annotations

import contextvars
import getpass
import hashlib
import ipaddress
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from kooperacja.records.models import AuditChainHead, AuditEvent

# The address of the request being served, set by kooperacja.records.middleware.
_address: contextvars.ContextVar[str | None] = contextvars.ContextVar("audit_address", default=None)


def actor_of(user: Any | None) -> str:
    """The name an event is filed under: the account, a visitor without one, or (no user
    at all) the system user at the command line."""
    if user is not None:
        return str(user.get_username()) if user.is_authenticated else "anonymous"
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def client_address(request: HttpRequest | None) -> str | None:
    """The client's IP address: the peer's, or, behind ``KOOPERACJA_PROXY_COUNT`` trusted
    proxies, the one the outermost of them saw (earlier X-Forwarded-For entries are the
    client's own claim and are ignored)."""
    if request is None:
        return None
    address = request.META.get("REMOTE_ADDR")
    proxies = getattr(settings, "KOOPERACJA_PROXY_COUNT", 0)
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(address or ""))
    except ValueError:
        return None


@contextmanager
def request_address(address: str | None) -> Iterator[None]:
    """Events recorded inside are filed as coming from ``address``."""
    token = _address.set(address)
    try:
        yield
    finally:
        _address.reset(token)


def record_event(
    user: Any | None, action: str, obj: object | str, detail: dict[str, Any] | None = None,
    *, actor: str | None = None, address: str | None = None, object_id: str | None = None,
) -> AuditEvent:
    """Append one event; ``obj`` is a model instance or a short description of what.

    ``actor`` names who when there is no account (a failed login's attempted name);
    ``object_id`` identifies an object described by a string; ``address`` defaults to the address of the request being served, if any."""
    object_type = obj._meta.model_name if hasattr(obj, "_meta") else str(obj)
    if object_id is None:
        object_id = str(getattr(obj, "pk", "") or "")
    account = user if user is not None and getattr(user, "is_authenticated", False) else None
    where = address if address is not None else _address.get()
    event = AuditEvent(
        user=account, actor=(actor or actor_of(user))[:150], action=action,
        object_type=object_type[:40], object_id=object_id[:100],
        address=AuditEvent._meta.get_field("address").get_prep_value(where),
        # As the database gives it back, so that the hash computed now verifies later.
        detail=json.loads(json.dumps(detail or {}, default=str)),
    )
    with transaction.atomic():
        head = _chain_head()
        event.at = timezone.now()
        event.previous_hash = head.hash
        event.hash = event_hash(event)
        event.save()
        AuditChainHead.objects.filter(pk=head.pk).update(hash=event.hash, last_event_id=event.pk)
    return event


def _chain_head() -> AuditChainHead:
    head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:  # a database emptied by hand (or by a test's flush)
        AuditChainHead.objects.get_or_create(pk=1)
        head = AuditChainHead.objects.select_for_update().get(pk=1)
    return head


def event_hash(event: Any) -> str:
    """SHA-256 of an event's content and its predecessor's hash (the user's id is left
    out: deleting the account empties it)."""
    content = {
        "previous": event.previous_hash,
        "at": event.at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor": event.actor, "action": event.action, "object_type": event.object_type,
        "object_id": event.object_id, "address": event.address or "", "detail": event.detail,
    }
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainReport:
    """What :func:`verify_chain` found: events checked and the first broken one, if any."""

    checked: int
    broken_id: int | None = None
    problem: str = ""


def verify_chain() -> ChainReport:
    """Walk the events in the order they were written and check every link."""
    previous = ""
    checked = 0
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        if event.previous_hash != previous:
            return ChainReport(checked, event.pk, "previous")
        if event_hash(event) != event.hash:
            return ChainReport(checked, event.pk, "content")
        previous = event.hash
        checked += 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and head.hash != previous:
        return ChainReport(checked, head.last_event_id, "missing")
    return ChainReport(checked)
