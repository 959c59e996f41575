"""The shared offer: searching it, placing an offer, its month calendar, and the warnings
about two institutions planning the same course in the same quarter and area."""

from __future__ import annotations

import calendar
import datetime
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet

from kooperacja.core.tables import header_key
from kooperacja.training.models import Offer, quarter_of

QUARTER = re.compile(r"(\d{4})-Q([1-4])")
DEFAULT_AREA_LEVEL = "district"


def area_level() -> str:
    """The level whose units are an offer's area (``KOOPERACJA_OFFER_AREA_LEVEL``)."""
    return str(getattr(settings, "KOOPERACJA_OFFER_AREA_LEVEL", DEFAULT_AREA_LEVEL))


@dataclass(frozen=True)
class Filters:
    """What the offer list is searched by; empty means any."""

    institution: str = ""  # institution code
    kind: str = ""  # instrument type code
    quarter: str = ""  # 2026-Q2
    area: str = ""  # unit code of the offer's area
    text: str = ""

    @classmethod
    def from_query(cls, query: Mapping[str, Any]) -> Filters:
        return cls(*(str(query.get(name, "") or "").strip()[:100]
                     for name in ("institution", "type", "quarter", "area", "q")))


def search(filters: Filters, *, public_only: bool = True) -> QuerySet[Offer]:
    """The offers matching every given filter, by start; a malformed quarter matches
    nothing."""
    found = Offer.objects.select_related("institution", "instrument_type")
    if public_only:
        found = found.filter(is_public=True)
    if filters.institution:
        found = found.filter(institution__code=filters.institution)
    if filters.kind:
        found = found.filter(instrument_type__code=filters.kind)
    quarter = QUARTER.fullmatch(filters.quarter)
    if filters.quarter and (quarter is None or not 1900 <= int(quarter[1]) <= 2200):
        return found.none()
    if quarter:
        year, q = int(quarter[1]), int(quarter[2])
        first = datetime.date(year, 3 * q - 2, 1)
        last = datetime.date(year, 3 * q, calendar.monthrange(year, 3 * q)[1])
        found = found.filter(starts_on__gte=first, starts_on__lte=last)
    if filters.area:
        found = found.filter(area=filters.area)
    for word in filters.text.split():
        found = found.filter(Q(title__icontains=word) | Q(scope__icontains=word)
                             | Q(target_group__icontains=word))
    return found.order_by("starts_on", "title", "pk")


def place(offer: Offer) -> str:
    """Geocode the offer's address through the register (when it has no point), fill its
    units and, unless given, its area; the geocoder's status ("" when nothing to do)."""
    from kooperacja.addresses.services.geocoding import geocode
    from kooperacja.resources.services.location import UnitLayers

    status = ""
    if not offer.located and offer.address:
        found = geocode([offer.address], [offer.locality])[0]
        status = found.status
        if found.status == "matched":
            offer.lon, offer.lat, offer.units = found.lon, found.lat, dict(found.units)
    elif offer.located and not offer.units:
        assert offer.lon is not None and offer.lat is not None
        offer.units = UnitLayers.current().units_at(offer.lon, offer.lat)
    if not offer.area:
        offer.area = str(offer.units.get(area_level(), ""))
    return status


def scope_key(scope: str) -> str:
    """A scope compared regardless of case, diacritics, spacing and punctuation."""
    return header_key(scope)


@dataclass
class Duplicate:
    """Offers of at least two institutions, of one type and scope, in one quarter and area."""

    instrument_type: str
    scope: str
    quarter: str
    area: str
    offers: list[Offer] = field(default_factory=list)

    @property
    def institutions(self) -> list[str]:
        return sorted({o.institution.code for o in self.offers})


def duplicates(offers: QuerySet[Offer] | None = None) -> list[Duplicate]:
    """The groups of ``offers`` (every offer by default) planned by two or more
    institutions with the same instrument type and scope, starting in the same quarter,
    in the same area. Offers without an area are not compared."""
    found = (offers if offers is not None else Offer.objects.all()).exclude(area="")
    groups: dict[tuple[str, str, str, str], list[Offer]] = defaultdict(list)
    for offer in found.select_related("institution", "instrument_type"):
        key = (offer.instrument_type.code, scope_key(offer.scope), quarter_of(offer.starts_on),
               offer.area)
        groups[key].append(offer)
    result = []
    for (kind, _, quarter, area), members in sorted(groups.items()):
        if len({o.institution_id for o in members}) > 1:
            result.append(Duplicate(kind, members[0].scope, quarter, area,
                                    sorted(members, key=lambda o: (o.institution.code, o.pk))))
    return result


def duplicates_of(offer: Offer) -> list[Offer]:
    """The other institutions' offers that duplicate ``offer``."""
    for group in duplicates(Offer.objects.filter(instrument_type=offer.instrument_type,
                                                 area=offer.area)):
        if offer in group.offers:
            return [o for o in group.offers if o.institution_id != offer.institution_id]
    return []


@dataclass
class Day:
    day: datetime.date | None
    offers: list[Offer]


def month_calendar(year: int, month: int, offers: QuerySet[Offer]) -> list[list[Day]]:
    """Weeks (Monday first) of ``month``, each day with the offers running on it."""
    first = datetime.date(year, month, 1)
    last = datetime.date(year, month, calendar.monthrange(year, month)[1])
    running = list(offers.filter(starts_on__lte=last, ends_on__gte=first))
    weeks = []
    for week in calendar.Calendar().monthdatescalendar(year, month):
        weeks.append([Day(day, [o for o in running if o.starts_on <= day <= o.ends_on])
                      if day.month == month else Day(None, []) for day in week])
    return weeks


def to_geojson(offers: QuerySet[Offer]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": o.pk,
         "geometry": {"type": "Point", "coordinates": [o.lon, o.lat]},
         "properties": {"title": o.title, "institution": o.institution.name,
                        "starts_on": o.starts_on.isoformat(), "ends_on": o.ends_on.isoformat()}}
        for o in offers if o.located]}
