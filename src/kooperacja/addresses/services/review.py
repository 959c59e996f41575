"""The review queue: addresses met in record imports that no point was found for.

Entries are personal data (a client's address as written), so each expires after
``KOOPERACJA_REVIEW_RETENTION_DAYS`` and is purged at the next import or by
``kooperacja purge-review``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from kooperacja.addresses.models import AddressPoint, ReviewItem, StreetAlias
from kooperacja.core.addresses import parse_address

QUEUED_STATUSES = {"ambiguous", "street_only", "unmatched"}


def retention() -> dt.timedelta:
    return dt.timedelta(days=getattr(settings, "KOOPERACJA_REVIEW_RETENTION_DAYS", 90))


def queue_for_review(
    texts: Sequence[str], localities: Sequence[str] | None, statuses: Sequence[str]
) -> int:
    """Queue the addresses whose status is not ``matched``; returns how many were new.

    An address already waiting (same text and locality) is not queued twice; its
    expiry is not extended, so retention counts from when it was first met.
    """
    from kooperacja.addresses.services.geocoding import candidate_points

    localities = localities if localities is not None else [""] * len(texts)
    now = timezone.now()
    waiting = set(ReviewItem.objects.filter(resolved_at__isnull=True, expires_at__gt=now)
                  .values_list("text", "locality"))
    items = []
    for text, locality, status in zip(texts, localities, statuses):
        key = ((text or "").strip()[:300], (locality or "").strip()[:100])
        if status not in QUEUED_STATUSES or not key[0] or key in waiting:
            continue
        waiting.add(key)
        items.append(ReviewItem(
            text=key[0], locality=key[1], status=status, expires_at=now + retention(),
            candidates=candidate_points(*key),
        ))
    ReviewItem.objects.bulk_create(items, batch_size=1000)
    return len(items)


def purge_expired_review(now: dt.datetime | None = None) -> int:
    """Delete the review entries past their expiry; returns how many."""
    deleted, _ = ReviewItem.objects.filter(expires_at__lte=now or timezone.now()).delete()
    return deleted


def written_street(text: str) -> str:
    """The street part of a written address, folded: what an alias is learnt from."""
    return " ".join(parse_address(text).tokens)


@transaction.atomic
def resolve_with_point(item: ReviewItem, point: AddressPoint, learn_alias: bool = True) -> None:
    """Settle ``item`` as meaning ``point``; when the written street differs from the
    point's, remember the written form as an alias of it."""
    item.resolved_point = point
    item.resolved_at = timezone.now()
    item.save(update_fields=["resolved_point", "resolved_at"])
    written = written_street(item.text)
    if learn_alias and point.street and written:
        StreetAlias.objects.get_or_create(alias=written, street=point.street,
                                          locality=point.locality)


@transaction.atomic
def resolve_with_alias(item: ReviewItem, street: str, locality: str = "") -> StreetAlias:
    """Settle ``item`` by teaching the geocoder that its street means ``street``."""
    alias, _ = StreetAlias.objects.get_or_create(
        alias=written_street(item.text), street=street, locality=locality,
    )
    item.resolved_at = timezone.now()
    item.save(update_fields=["resolved_at"])
    return alias
