"""Offers of the same instrument type planned by other institutions (issue 19, part 4).

The shared offer (issue 19, parts 1-3) lives in the ``training`` app; until it is wired
in, the check before referral lists no planned offers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kooperacja.records.models import Institution


@dataclass(frozen=True)
class PlannedOffer:
    """One offer another institution plans: what the check's answer lists beside it."""

    institution: str  # the organising institution's code
    title: str
    starts: dt.date | None
    url: str = ""


def planned_offers_elsewhere(asking_institution: Institution, instrument_type: str,
                             today: dt.date | None = None) -> list[PlannedOffer]:
    """Offers of ``instrument_type`` that institutions other than ``asking_institution``
    plan from ``today`` on.

    A hook: the training app (the shared offer) fills it when it is merged; until then it
    returns an empty list, and the page, the API and the command show no planned offers.
    """
    return []
