"""Beside its answer the check lists the public offers of the same instrument type that
other institutions plan (the shared offer), so a worker refers to one instead of doubling."""

from __future__ import annotations

import datetime as dt

import pytest

from kooperacja.referrals.services.planned import planned_offers_elsewhere
from kooperacja.training.tests.conftest import kind, make_offer

pytestmark = pytest.mark.django_db


def test_it_lists_other_institutions_public_offers_of_the_type_still_to_start(personas):
    today = dt.date(2026, 4, 1)
    make_offer(personas.b, title="Wózki widłowe", starts_on=dt.date(2026, 5, 4))
    make_offer(personas.b, title="Magazynier", starts_on=dt.date(2026, 4, 13))
    make_offer(personas.a, title="Własny kurs")  # the asking institution's own
    make_offer(personas.b, title="Już trwa", starts_on=dt.date(2026, 3, 2))
    make_offer(personas.b, title="Niepubliczny", is_public=False)
    make_offer(personas.b, title="Doradztwo", instrument_type=kind("counselling"))
    found = planned_offers_elsewhere(personas.a, "training", today)
    assert [(o.institution, o.title, o.starts) for o in found] == [
        (personas.b.code, "Magazynier", dt.date(2026, 4, 13)),
        (personas.b.code, "Wózki widłowe", dt.date(2026, 5, 4)),
    ]
    assert found[0].url.startswith("/oferta/")
