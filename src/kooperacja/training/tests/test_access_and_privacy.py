"""Applicants are their institution's: another institution gets 403 (audited), each
read of the list is audited, and no name lies in the database in plain text."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client

from kooperacja.core.errors import UserError
from kooperacja.records.models import AuditEvent
from kooperacja.training.models import Applicant, CriterionCheck
from kooperacja.training.services import recruitment
from kooperacja.training.services.crypto import seal, unseal
from kooperacja.training.tests.conftest import application

pytestmark = pytest.mark.django_db
NAME = "Zenobia Przybylska-Unikalna"


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_another_institution_gets_403_and_the_refusal_is_audited(personas, offer):
    person = recruitment.apply(offer, application(NAME))
    urls = [f"/oferta/{offer.pk}/rekrutacja/", f"/oferta/{offer.pk}/rekrutacja/{person.pk}/",
            f"/oferta/{offer.pk}/wyniki/", f"/oferta/{offer.pk}/uczestnicy-efs.csv"]
    for url in urls:
        response = _client(personas.partner_b).get(url)
        assert response.status_code == 403, url
        assert NAME not in response.content.decode()
    denied = AuditEvent.objects.filter(action="denied", actor="partner_b@example.org")
    assert denied.count() == len(urls)
    assert _client(personas.analyst_x).get(urls[0]).status_code == 403  # no RECRUIT at all
    assert Client().get(urls[0]).status_code == 302  # to the login page
    page = _client(personas.steward_a).get(urls[0])
    assert page.status_code == 200 and NAME in page.content.decode()
    read = AuditEvent.objects.get(action="record_read")
    assert read.actor == "steward_a@example.org" and read.detail == {"applicants": 1}


def test_no_name_contact_or_note_is_stored_in_plain_text(personas, offer):
    person = recruitment.apply(offer, application(NAME, email="zenobia@example.org"))
    recruitment.verify(person, "unemployed", True, "zaświadczenie Tajne-123", personas.partner_a)
    dump = []
    with connection.cursor() as cursor:
        for model in (Applicant, CriterionCheck, AuditEvent):
            cursor.execute(f"SELECT * FROM {model._meta.db_table}")
            dump += [str(row) for row in cursor.fetchall()]
    text = "\n".join(dump)
    for secret in ("Zenobia", "Przybylska", "zenobia@example.org", "Tajne-123"):
        assert secret not in text
    view = recruitment.applicant_detail(person, personas.partner_a)
    assert (view.name, view.email) == (NAME, "zenobia@example.org")
    assert view.checks == {"unemployed": (True, "zaświadczenie Tajne-123")}


def test_sealed_data_open_only_for_their_institution_and_unchanged(personas):
    sealed = seal(personas.a.pk, {"name": NAME})
    assert unseal(personas.a.pk, sealed) == {"name": NAME}
    with pytest.raises(UserError):
        unseal(personas.b.pk, sealed)
    changed = sealed[:-6] + ("A" if sealed[-6] != "A" else "B") + sealed[-5:]
    with pytest.raises(UserError):
        unseal(personas.a.pk, changed)
