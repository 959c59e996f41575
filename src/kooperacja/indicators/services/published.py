"""Published values, computed once per version of their inputs and served as stored.

An indicator's values after disclosure control cost a computation and a disclosure audit;
the map asks for them on every view. The output (the API's JSON body for each level) is
stored in the database per indicator, period, audience, classification and language,
stamped with the version of the inputs it was computed from (``PublicationInputs``). The
rule of versions and of one computation at a time is territory/answers.py's, which keeps
the public site's other answers in memory; the receivers in indicators/receivers.py move
the version on with every change to the inputs (a submission imported, replaced or
withdrawn, partners' counts, a generation of units, population, an indicator's
definition). Answers derived from a level's published values that unit pages share (hot
spots, "high need, low access" flags) are kept in the same table (:func:`level_answer`),
and the task worker builds all of them after a change (web/services/warm.py).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language

from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.indicators.models import Indicator, PublicationInputs, PublishedValues
from kooperacja.indicators.services.compute import IndicatorResult, compute_indicator
from kooperacja.indicators.services.inputs import Scope, scope_key
from kooperacja.indicators.services.protection import Audience
from kooperacja.records.services.audit import record_event
from kooperacja.territory.answers import Inputs, one_at_a_time
from kooperacja.territory.models import Unit

# (result, level code) -> the JSON body published for that level.
Render = Callable[[IndicatorResult, str], str]
PUBLICATION = Inputs(PublicationInputs, dated=False)
T = TypeVar("T")


def inputs_changed() -> None:
    """Move the inputs' version on, in the transaction that changes them: once it commits
    every stored output is stale, and if it rolls back nothing is."""
    PUBLICATION.changed()


def current_version() -> int:
    return PUBLICATION.current().number


def published_values(
    indicator: Indicator, level: str, period: str, audience: Audience, classification: str,
    render: Render, scope: Scope = (),
) -> PublishedValues:
    """The stored output for ``level`` (computed over the territories of ``scope``),
    computed for every level at once when the stored one is missing or stale. Raises
    UserError for a level or period without values."""
    key = {"indicator": indicator, "period": period, "audience": audience,
           "classification": classification, "language": get_language() or "pl",
           "scope": scope_key(scope)}
    found = _stored(key, level)
    if found is not None:
        return found
    if not Unit.objects.current().filter(level__code=level).exists():
        raise _no_level(level)
    with one_at_a_time(("published", *(str(getattr(v, "pk", v)) for v in key.values()))):
        found = _stored(key, level)  # another thread may have computed it meanwhile
        if found is not None:
            return found
        _publish(key, render, scope)
        found = _stored(key, level, any_version=True)
    if found is None:
        raise _no_level(level)
    return found


def _no_level(level: str) -> UserError:
    return UserError(None, N_("There is no level %(level)s with current boundaries."),
                     {"level": level})


def _stored(
    key: dict[str, object], level: str, any_version: bool = False
) -> PublishedValues | None:
    found = PublishedValues.objects.filter(**key, level=level)
    if not any_version:
        found = found.filter(inputs_version=PUBLICATION.now())
    return found.only("body", "etag", "computed_at").first()


def _publish(key: dict[str, object], render: Render, scope: Scope) -> None:
    version = current_version()
    indicator = cast(Indicator, key["indicator"])
    result = compute_indicator(indicator, key["period"], key["audience"],  # type: ignore[arg-type]
                               method=key["classification"], scope=scope)  # type: ignore[arg-type]
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
            "k": result.k, "exposed": disclosure.get("exposed"), "territories": list(scope) or None,
            "hidden": sum(r["hidden"] for lr in result.levels.values() for r in lr.rows),
        }, actor="system")


def level_answer(
    kind: str, indicator: Indicator, level: str, period: str, audience: Audience,
    build: Callable[[], T], inputs: Inputs = PUBLICATION, scope: Scope = (),
) -> T:
    """A JSON-able answer about one level of the published values (its hot spots, its
    "high need, low access" flags: ``kind``), kept beside them in the database at the
    version of ``inputs`` (the published values', or the public answers' when it depends on
    resources too), so that every server process and the task worker that warms it
    (web/services/warm.py) share it. Built by ``build()`` (over the territories of
    ``scope``) when missing or stale."""
    key: dict[str, Any] = {"indicator": indicator, "level": level, "period": period,
                           "audience": audience, "classification": kind, "language": "",
                           "scope": scope_key(scope)}
    version = inputs.current().number  # read before building: a change meanwhile wins
    found = (PublishedValues.objects.filter(**key, inputs_version=version)
             .values_list("body", flat=True).first())
    if found is not None:
        return cast(T, json.loads(found))
    value = build()
    body = json.dumps(value, separators=(",", ":"))
    try:
        with transaction.atomic():
            PublishedValues.objects.update_or_create(**key, defaults={
                "inputs_version": version, "body": body, "computed_at": timezone.now(),
                "etag": hashlib.sha256(body.encode()).hexdigest()[:32]})
    except IntegrityError:  # another process stored it meanwhile
        pass
    return value

