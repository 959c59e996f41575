"""Warming what a unit page's first visitor would otherwise wait for.

A unit page (web/services/profile.py) reads the stored published values, and its level's
hot spots and "high need, low access" flags, stored beside them
(indicators/services/published.py ``level_answer``). Built on a first visit, they cost that
visitor seconds. After every change to their inputs (territory/answers.py
``inputs_changed``) a task for the worker is queued, unless one waits already; it builds
them for every public indicator and level, at the periods of the latest one's kind. What is
stored at the current version is skipped, so a warm site costs a few queries. `kooperacja
serve` (and the demo) queues one at start.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import translation

log = logging.getLogger(__name__)

WARM_TASK = "kooperacja.web.tasks.warm_answers"


def schedule() -> None:
    """Queue the warming once the current transaction commits (:func:`enqueue` queues one
    task however many changes the transaction made)."""
    if not getattr(settings, "KOOPERACJA_WARM", True):
        return
    transaction.on_commit(enqueue, robust=True)


def enqueue() -> None:
    """Queue the warming for the task worker, unless one is waiting already."""
    if not getattr(settings, "KOOPERACJA_WARM", True):
        return
    from kooperacja.web.tasks import warm_answers

    backend = str(settings.TASKS.get("default", {}).get("BACKEND", ""))
    if backend.endswith("DatabaseBackend"):
        from django_tasks_db.models import DBTaskResult

        if DBTaskResult.objects.filter(task_path=WARM_TASK, status="READY").exists():
            return
    warm_answers.enqueue()


def warm(languages: list[str] | None = None) -> dict[str, Any]:
    """Build (or find stored) the published values of every public indicator at the periods
    of its latest period's kind, and each level's hot spots and gap flags and the breakdown by
    sex and age band at the latest period; return what was done."""
    # Imported here: the app connects ``schedule`` at start-up, and these load pandas and
    # shapely, which every command would otherwise pay for.
    from kooperacja.core.errors import UserError
    from kooperacja.indicators.api import _render  # the API's body, as the map's
    from kooperacja.indicators.services.audiences import indicators_for
    from kooperacja.indicators.services.breakdown import stored_breakdown
    from kooperacja.indicators.services.inputs import default_period, same_kind
    from kooperacja.indicators.services.published import published_values
    from kooperacja.territory import answers
    from kooperacja.territory.models import Unit
    from kooperacja.web.services.profile import (
        CLASSIFICATION,
        gap_of,
        hotspot_of,
        indicator_periods,
    )

    started = time.perf_counter()
    languages = languages or [settings.LANGUAGE_CODE]
    # Each level once (the units' default ordering would make DISTINCT keep one per unit).
    levels = list(Unit.objects.current().order_by("level__rank", "level__code")
                  .values_list("level__code", flat=True).distinct())
    done: dict[str, Any] = {
        "indicators": 0,
        "levels": len(levels),
        "published": 0,
        "hotspots": 0,
        "gaps": 0,
        "breakdowns": 0,
    }
    if not levels:
        return done | {"seconds": 0.0}
    # The map's boundaries for every zoom band, kept in files for the site's processes
    # (territory/services/mapshapes.py): seconds for a country's gminas, once per import.
    from kooperacja.core.simplify import BANDS
    from kooperacja.territory.services.mapshapes import band_shapes

    for level in levels:
        for band in BANDS:
            if band.tolerance:
                band_shapes(level, band)
    done["map_bands"] = len(levels) * sum(1 for band in BANDS if band.tolerance)
    for indicator in indicators_for("public"):
        version = answers.current()
        period = default_period(indicator_periods(indicator, "public", version))
        if period is None:
            continue
        done["indicators"] += 1
        for language in languages:
            with translation.override(language):
                for each in same_kind(indicator_periods(indicator, "public", version), period):
                    try:  # one call publishes every level
                        published_values(
                            indicator, levels[0], each, "public", CLASSIFICATION, _render
                        )
                    except UserError:
                        continue
                    done["published"] += 1
        # The breakdown by sex and age band of the latest period, every unit at once.
        if stored_breakdown(indicator, period, "public") is not None:
            done["breakdowns"] += 1
        with translation.override(languages[0]):
            for level in levels:
                hotspot_of(indicator, level, period, "public", "", version)
                done["hotspots"] += 1
                gap_of(indicator, level, period, "", version)
                done["gaps"] += 1
    done["seconds"] = round(time.perf_counter() - started, 3)
    log.info("answers warmed: %s", done)
    return done
