"""The public form: stores an application, says the same to a repeated applicant and a
bot, and limits the applications per address."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from kooperacja.training.models import Applicant

pytestmark = pytest.mark.django_db


def _form(**extra):
    return {"name": "Ala Nowak", "email": "ala@example.org", "phone": "", "sex": "K",
            "birth_year": "1990", "age_band": "", "labour_status": "unemployed",
            "education": "isced_3_4", "consent": "on", "criterion_unemployed": "on", **extra}


def _main(response) -> str:
    return response.content.decode().split('<main id="main">')[1].split("</main>")[0]


def test_a_person_applies_and_a_repeat_is_told_the_same(offer):
    client = Client()
    assert client.get(f"/oferta/{offer.pk}/zgloszenie/").status_code == 200
    first = client.post(f"/oferta/{offer.pk}/zgloszenie/", _form())
    second = client.post(f"/oferta/{offer.pk}/zgloszenie/", _form(name="Alicja Nowak"))
    assert first.status_code == second.status_code == 200
    assert _main(first) == _main(second) and "Ala" not in _main(second)
    one, two = Applicant.objects.order_by("pk")
    assert (one.repeated, two.repeated) == (False, True)
    assert (one.sex, one.age_band) == ("K", "25-54")


def test_a_bot_filling_the_hidden_field_is_thanked_and_forgotten(offer):
    response = Client().post(f"/oferta/{offer.pk}/zgloszenie/", _form(website="http://spam"))
    assert response.status_code == 200
    assert Applicant.objects.count() == 0


def test_the_form_asks_for_consent_and_a_contact(offer):
    response = Client().post(f"/oferta/{offer.pk}/zgloszenie/",
                             _form(consent="", email="", phone=""))
    assert response.status_code == 200 and Applicant.objects.count() == 0
    assert response.context["form"].errors.keys() >= {"consent", "email"}


@override_settings(KOOPERACJA_RATE_LIMITS={"apply": "2/h", "geocode": "30/m", "near": "30/m"})
def test_applications_are_limited_per_address(offer):
    client = Client()
    codes = [client.post(f"/oferta/{offer.pk}/zgloszenie/", _form(email=f"{n}@example.org"))
             .status_code for n in range(3)]
    assert codes == [200, 200, 429]
    assert Applicant.objects.count() == 2
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert other.post(f"/oferta/{offer.pk}/zgloszenie/", _form()).status_code == 200


def test_a_closed_recruitment_takes_no_application(offer):
    offer.recruiting = False
    offer.save()
    Client().post(f"/oferta/{offer.pk}/zgloszenie/", _form())
    assert Applicant.objects.count() == 0
