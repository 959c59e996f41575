from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.cache import cache

from kooperacja.records.models import Code
from kooperacja.training.models import Offer
from kooperacja.training.services.recruitment import Application

CRITERIA = [{"code": "unemployed", "label": "registered as unemployed"},
            {"code": "resident", "label": "lives in the city"}]


def kind(code: str = "training") -> Code:
    return Code.objects.get(code_list__code="instrument_type", code=code)


def make_offer(institution: Any, **fields: Any) -> Offer:
    values: dict[str, Any] = {
        "title": "Forklift operator", "instrument_type": kind(), "scope": "forklift operator",
        "starts_on": dt.date(2026, 4, 13), "ends_on": dt.date(2026, 5, 29), "capacity": 3,
        "area": "D1", "criteria": CRITERIA, "target_women": 2, "target_men": 1}
    values.update(fields)
    return Offer.objects.create(institution=institution, **values)


def application(name: str, sex: str = "K", band: str = "25-54", email: str = "",
                **extra: Any) -> Application:
    return Application(name=name, email=email, phone="", sex=sex, age_band=band,
                       labour_status=extra.pop("labour_status", "unemployed"),
                       education=extra.pop("education", "isced_3_4"),
                       disability=extra.pop("disability", False),
                       answers={"unemployed": True, "resident": True}, **extra)


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()  # the form's rate limit counts per address in the cache


@pytest.fixture
def offer(personas: Any) -> Offer:
    return make_offer(personas.a)
