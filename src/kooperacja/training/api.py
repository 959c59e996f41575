"""The shared offer, read-only: every public offer with its place, dates and capacity
(never an applicant)."""

from __future__ import annotations

import datetime
from typing import Annotated

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Path, Router, Schema

from kooperacja import policy
from kooperacja.api_errors import errors
from kooperacja.training.models import Offer
from kooperacja.training.services.offers import Filters, search

router = Router(tags=["offers"])


class CriterionOut(Schema):
    code: str
    label: str


class OfferOut(Schema):
    id: int
    institution: str
    institution_name: str
    title: str
    instrument_type: str
    scope: str
    occupation_code: str
    starts_on: datetime.date
    ends_on: datetime.date
    quarter: str
    address: str
    locality: str
    lon: float | None
    lat: float | None
    area: str
    capacity: int
    target_group: str
    criteria: list[CriterionOut]
    funding: str
    target_women: int | None
    target_men: int | None
    recruiting: bool


def _out(offer: Offer) -> dict[str, object]:
    return {
        "id": offer.pk, "institution": offer.institution.code,
        "institution_name": offer.institution.name, "title": offer.title,
        "instrument_type": offer.instrument_type.code, "scope": offer.scope,
        "occupation_code": offer.occupation_code, "starts_on": offer.starts_on,
        "ends_on": offer.ends_on, "quarter": offer.quarter, "address": offer.address,
        "locality": offer.locality, "lon": offer.lon, "lat": offer.lat, "area": offer.area,
        "capacity": offer.capacity, "target_group": offer.target_group,
        "criteria": [{"code": str(c.get("code", "")), "label": str(c.get("label", ""))}
                     for c in offer.criteria if isinstance(c, dict)],
        "funding": offer.funding, "target_women": offer.target_women,
        "target_men": offer.target_men, "recruiting": offer.recruiting,
    }


@router.get("", response={200: list[OfferOut], **errors(422)},
            summary="Public training and activation offers, filtered")
@policy.public
def offers(request: HttpRequest, institution: str = "", type: str = "", quarter: str = "",
           area: str = "", q: str = "") -> list[dict[str, object]]:
    """``institution`` an institution's code; ``type`` an instrument type code (training,
    traineeship, …); ``quarter`` as 2026-Q2 (the start's quarter); ``area`` the code of the
    offer's area (a district); ``q`` words in the title, scope or target group."""
    return [_out(o) for o in search(Filters(institution, type, quarter, area, q))]


@router.get("/{offer_id}", response={200: OfferOut, **errors(404, 422)},
            summary="One public offer")
@policy.public
def offer(request: HttpRequest, offer_id: Annotated[int, Path(ge=0)]) -> dict[str, object]:
    return _out(get_object_or_404(Offer.objects.select_related("institution", "instrument_type"),
                                  pk=offer_id, is_public=True))
