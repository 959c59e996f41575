"""Two institutions planning the same type and scope in one quarter and area are warned."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from kooperacja.training.models import Offer
from kooperacja.training.services.offers import duplicates, duplicates_of
from kooperacja.training.tests.conftest import kind, make_offer

pytestmark = pytest.mark.django_db


def test_the_same_type_and_scope_in_one_quarter_and_area_of_two_institutions(personas):
    a = make_offer(personas.a, scope="Operator wózków widłowych", starts_on=dt.date(2026, 4, 1))
    b = make_offer(personas.b, scope="operator  wozkow widlowych.", starts_on=dt.date(2026, 6, 30),
                   ends_on=dt.date(2026, 7, 30))
    make_offer(personas.b, scope="operator wózków widłowych", starts_on=dt.date(2026, 7, 1),
               ends_on=dt.date(2026, 8, 1))  # next quarter
    make_offer(personas.b, scope="operator wózków widłowych", area="D2")  # another area
    make_offer(personas.b, scope="operator wózków widłowych", instrument_type=kind("counselling"))
    make_offer(personas.a, scope="operator wózków widłowych", area="")  # no area: not compared
    make_offer(personas.a, scope="spawacz", area="D9")
    make_offer(personas.a, scope="Spawacz", area="D9")  # the same institution twice: no warning

    [group] = duplicates()
    assert (group.instrument_type, group.quarter, group.area) == ("training", "2026-Q2", "D1")
    assert group.offers == [a, b] and group.institutions == ["a", "b"]
    assert duplicates_of(a) == [b] and duplicates_of(b) == [a]


def test_staff_see_the_warning_on_the_offer_page_and_the_public_does_not(personas):
    make_offer(personas.a, title="Kurs MOPS")
    make_offer(personas.b, title="Kurs PUP")
    anonymous = Client().get("/oferta/").content.decode()
    assert "Kurs MOPS" in anonymous and "dup-title" not in anonymous
    staff = Client()
    staff.force_login(personas.partner_b)
    page = staff.get("/oferta/").content.decode()
    assert "dup-title" in page
    admin = Client()
    admin.force_login(personas.admin_a)
    listing = admin.get("/admin/training/offer/", follow=True).content.decode()
    assert "a, b" in listing


def test_a_partner_adds_an_offer_for_its_own_institution_only(personas):
    admin = Client()
    admin.force_login(personas.partner_a)
    form = admin.get("/admin/training/offer/add/").content.decode()
    assert "Institution A" in form and "Institution B" not in form
    data = {"institution": personas.b.pk, "title": "X", "instrument_type": kind().pk,
            "scope": "x", "starts_on": "2026-04-01", "ends_on": "2026-04-02", "capacity": "3",
            "criteria": "[]", "units": "{}", "sessions-TOTAL_FORMS": "0",
            "sessions-INITIAL_FORMS": "0"}
    response = admin.post("/admin/training/offer/add/", data)
    assert response.status_code == 200 and "institution" in response.context["adminform"].errors
    response = admin.post("/admin/training/offer/add/", data | {"institution": personas.a.pk,
                                                               "address": "Nieznana 1"})
    assert response.status_code == 302
    assert Offer.objects.get(title="X").institution == personas.a
