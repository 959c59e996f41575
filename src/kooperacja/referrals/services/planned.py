"""Offers of the same instrument type planned by other institutions (issue 19, part 4),
from the shared offer (the ``training`` app): what the check's answer lists beside it."""

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
    """The public offers of ``instrument_type`` that institutions other than
    ``asking_institution`` plan to start from ``today`` on, soonest first."""
    from django.urls import reverse

    from kooperacja.training.models import Offer

    found = (Offer.objects.filter(is_public=True, instrument_type__code=instrument_type,
                                  starts_on__gte=today or dt.date.today())
             .exclude(institution=asking_institution).select_related("institution")
             .order_by("starts_on", "title"))
    return [PlannedOffer(o.institution.code, o.title, o.starts_on,
                         reverse("training:offer", args=[o.pk])) for o in found[:20]]
