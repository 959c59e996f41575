"""Published values, computed once per version of their inputs and served as stored.

An indicator's values after disclosure control cost a computation and a disclosure audit;
the map asks for them on every view. The output (the API's JSON body for each level) is
stored per indicator, period, audience, classification and language, stamped with the
version of the inputs it was computed from. Every change to those inputs (a submission
imported, replaced or withdrawn, partners' counts, a generation of units, population, an
indicator's definition) moves the version on in its own transaction
(indicators/receivers.py), so a stored output computed before the change is never served
again once the change commits. The version is read
before computing: an output computed while its inputs change carries the older version
and is computed again on the next request.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import transaction
from django.db.models import F, Subquery
from django.utils import timezone
from django.utils.translation import get_language

from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.indicators.models import Indicator, PublicationInputs, PublishedValues
from kooperacja.indicators.services.compute import IndicatorResult, compute_indicator
from kooperacja.indicators.services.protection import Audience
from kooperacja.records.services.audit import record_event
from kooperacja.territory.models import Unit

# (result, level code) -> the JSON body published for that level.
Render = Callable[[IndicatorResult, str], str]


def inputs_changed() -> None:
    """Move the inputs' version on, in the transaction that changes them: once it commits
    every stored output is stale, and if it rolls back nothing is."""
    if not PublicationInputs.objects.filter(pk=1).update(version=F("version") + 1):
        PublicationInputs.objects.get_or_create(pk=1, defaults={"version": 1})


def current_version() -> int:
    return PublicationInputs.objects.filter(pk=1).values_list("version", flat=True).first() or 0


def published_values(
    indicator: Indicator, level: str, period: str, audience: Audience, classification: str,
    render: Render,
) -> PublishedValues:
    """The stored output for ``level``, computed (for every level at once) when the stored
    one is missing or stale. Raises UserError for a level or period without values."""
    key = {"indicator": indicator, "period": period, "audience": audience,
           "classification": classification, "language": get_language() or "pl"}
    found = _stored(key, level)
    if found is not None:
        return found
    if not Unit.objects.current().filter(level__code=level).exists():
        raise _no_level(level)
    with _computing(tuple(str(v.pk if hasattr(v, "pk") else v) for v in key.values())):
        found = _stored(key, level)  # another thread may have computed it meanwhile
        if found is not None:
            return found
        _publish(key, render)
        found = _stored(key, level, any_version=True)
    if found is None:
        raise _no_level(level)
    return found


def _no_level(level: str) -> UserError:
    return UserError(None, N_("There is no level %(level)s with current boundaries."),
                     {"level": level})


def _stored(key: dict[str, object], level: str, any_version: bool = False) -> PublishedValues | None:
    found = PublishedValues.objects.filter(**key, level=level)
    if not any_version:
        found = found.filter(inputs_version=Subquery(
            PublicationInputs.objects.filter(pk=1).values("version")[:1]))
    return found.only("body", "etag", "computed_at").first()


def _publish(key: dict[str, object], render: Render) -> None:
    version = current_version()
    indicator = key["indicator"]
    result = compute_indicator(indicator, key["period"], key["audience"],  # type: ignore[arg-type]
                               method=key["classification"])  # type: ignore[arg-type]
    now = timezone.now()
    rows = []
    for level in result.levels:
        body = render(result, level)
        rows.append(PublishedValues(**key, level=level, inputs_version=version, body=body,
                                    etag=hashlib.sha256(body.encode()).hexdigest()[:32],
                                    computed_at=now))
    with transaction.atomic():
        PublishedValues.objects.filter(**key).delete()
        PublishedValues.objects.bulk_create(rows)
        disclosure = result.metadata.get("disclosure", {})
        record_event(None, "disclosure_check", indicator, {
            "indicator": indicator.code, "period": key["period"], "audience": key["audience"],
            "k": result.k, "exposed": disclosure.get("exposed"),
            "hidden": sum(r["hidden"] for lr in result.levels.values() for r in lr.rows),
        }, actor="system")


_locks: dict[tuple[str, ...], threading.Lock] = {}
_locks_guard = threading.Lock()


@contextmanager
def _computing(key: tuple[str, ...]) -> Iterator[None]:
    """One computation per key at a time in this process: the requests that arrive while
    it runs wait for its result instead of computing it again."""
    with _locks_guard:
        lock = _locks.setdefault(key, threading.Lock())
    with lock:
        yield
