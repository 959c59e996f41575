"""A person without the check_client action gets 403 and the attempt is audited; a person
past the hourly limit gets 429, audited; no error answer carries a PESEL."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from kooperacja.records.models import AuditEvent
from kooperacja.records.tests.world import pesel

pytestmark = pytest.mark.django_db
PAGE = {"pesel": pesel(4), "instrument_type": "training", "basis": "agreement",
        "since": "2025-01-01"}


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _api(client: Client, **body):
    payload = {"instrument_type": "training", "basis": "consent", "pesels": [pesel(4)]} | body
    return client.post("/api/v1/checks", payload, content_type="application/json")


def _refusals(reason: str | None = None) -> list[tuple[str, str]]:
    events = AuditEvent.objects.filter(action="denied").order_by("id")
    return [(e.actor, e.object_type) for e in events
            if reason is None or e.detail.get("reason") == reason]


@pytest.mark.parametrize("who", ["admin_a", "analyst_x", "coordinator"])
def test_a_person_without_the_action_gets_403_and_is_audited(town, who):
    client = _signed_in(getattr(town, who))
    account = f"{who}@example.org"
    assert client.get("/sprawdz/").status_code == 403
    assert client.post("/sprawdz/", PAGE | {"institution": town.a.pk}).status_code == 403
    response = _api(client)
    assert response.status_code == 403 and pesel(4) not in response.content.decode()
    assert _refusals() == [(account, "url"), (account, "url"),
                           (account, "client_check"), (account, "url")]
    assert not AuditEvent.objects.filter(action="record_read").exists()


def test_a_worker_may_not_check_for_another_institution(town):
    response = _api(_signed_in(town.partner_a), institution="b")
    assert response.status_code == 403
    assert _refusals("permission") == [("partner_a@example.org", "client_check")]
    assert AuditEvent.objects.filter(action="denied", object_id="b").exists()
    assert _api(Client()).json() == {"detail": "Najpierw się zaloguj."}


@override_settings(KOOPERACJA_CLIENT_CHECKS_PER_HOUR=3)
def test_the_hourly_limit_counts_clients_checked(town):
    client = _signed_in(town.partner_a)
    for _ in range(2):
        assert client.post("/sprawdz/", PAGE | {"institution": town.a.pk}).status_code == 200
    too_many = _api(client, pesels=[pesel(1), pesel(2)])
    assert too_many.status_code == 429
    assert "3" in too_many.json()["detail"] and pesel(1) not in too_many.content.decode()
    assert _api(client).status_code == 200  # the third client still fits
    page = client.post("/sprawdz/", PAGE | {"institution": town.a.pk})
    assert page.status_code == 429 and pesel(4) not in page.content.decode()
    assert _refusals("rate_limit") == [("partner_a@example.org", "client_check")] * 2
    # Another person has a limit of their own.
    assert _api(_signed_in(town.steward_a)).status_code == 200


def test_bad_input_is_refused_without_echoing_a_pesel(town):
    client = _signed_in(town.partner_a)
    long = pesel(3) * 2
    response = _api(client, pesels=[long])
    assert response.status_code == 422 and pesel(3) not in response.content.decode()
    response = _api(client, pesels=[pesel(3)] * 101)
    assert response.status_code == 422 and pesel(3) not in response.content.decode()
    response = _api(client, instrument_type="knitting", pesels=[pesel(3)])
    assert response.status_code == 400 and pesel(3) not in response.content.decode()
    page = client.post("/sprawdz/", PAGE | {"institution": town.a.pk, "basis": ""})
    assert page.status_code == 200 and pesel(4) not in page.content.decode()
    page = client.post("/sprawdz/", PAGE | {"institution": town.a.pk,
                                            "pesel": pesel(4)[:10] + "0"})
    assert "cyfra kontrolna" in page.content.decode()


def test_the_api_needs_the_csrf_token_of_the_session(town):
    client = Client(enforce_csrf_checks=True)
    client.force_login(town.partner_a)
    response = _api(client)
    assert response.status_code == 403
    client.get("/sprawdz/")
    token = client.cookies["csrftoken"].value
    response = client.post("/api/v1/checks", {"instrument_type": "training", "basis": "consent",
                                              "pesels": [pesel(4)]},
                           content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200


def test_a_code_with_a_nul_byte_is_not_found(town):
    response = _api(_signed_in(town.partner_a), institution="a\x00")
    assert response.status_code == 404
