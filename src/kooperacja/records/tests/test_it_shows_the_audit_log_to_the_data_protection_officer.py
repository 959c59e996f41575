"""The audit log's page and CSV: for installation administrators and whoever holds the
data-protection officer's role (kooperacja.policy), filtered by date, user and action."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from kooperacja.records.models import AuditEvent, Institution, Membership
from kooperacja.records.services.audit import record_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def log(db) -> None:
    alice = User.objects.create_user("alice")
    record_event(alice, "export", "counts", {"period": "2025"})
    record_event(alice, "record_read", "submission", {"reason": "complaint"}, object_id="7")
    record_event(None, "login_failed", "session", actor="=cmd|' /C calc'!A0")


@pytest.fixture
def dpo(db) -> User:
    user = User.objects.create_user("iod", password="secret-password-1")
    office = Institution.objects.create(code="um", name="Urząd Miasta", kind="other")
    Membership.objects.create(user=user, institution=office, role="dpo")
    return user


def test_it_lists_events_for_the_data_protection_officer(client, log, dpo):
    client.force_login(dpo)
    page = client.get("/dane/audyt/", {"user": "alice", "action": "record_read"})
    assert page.status_code == 200
    assert list(page.context["page"]) == list(AuditEvent.objects.filter(action="record_read"))


def test_it_shows_an_event_s_detail_as_a_reader_writes_it(client, log, dpo):
    client.force_login(dpo)
    page = client.get("/dane/audyt/", {"action": "record_read"}).content.decode()
    assert "powód: complaint" in page and "{" not in page.split("<tbody>")[1]


def test_it_shows_the_detail_s_words_in_polish_not_as_stored(client, log, dpo):
    record_event(None, "admin_change", "saved_report", {"status": "published"}, object_id="1")
    record_event(None, "review", "submission", {"review": "approved"}, object_id="7")
    record_event(None, "admin_change", "membership",
                 {"fields": ["role"], "from": "partner", "to": "steward", "page": "members"})
    record_event(None, "disclosure", "indicator",
                 {"indicator": "poverty", "audience": "public", "k": 5, "hidden": 13})
    client.force_login(dpo)
    body = client.get("/dane/audyt/", HTTP_ACCEPT_LANGUAGE="pl").content.decode()
    body = body.split("<tbody>")[1]
    assert "status: opublikowany" in body
    assert "ocena: zatwierdzone" in body
    assert "odbiorcy: publiczność (wartości publikowane)" in body
    assert "próg ujawnienia k: 5" in body and "wartości ukryte: 13" in body
    assert "poprzednia rola: partner; nowa rola: opiekun danych; strona: Osoby" in body
    for english in ("status: published", "review: approved", "audience: public"):
        assert english not in body


def test_it_filters_by_date(client, log, dpo):
    client.force_login(dpo)
    today = timezone.localdate(AuditEvent.objects.first().at)
    since = client.get("/dane/audyt/", {"since": today.isoformat()}).context["page"]
    assert since.paginator.count == AuditEvent.objects.count() == 4  # with the DPO's login
    assert client.get("/dane/audyt/", {"until": "2020-01-01"}).context["page"].paginator.count == 0


def test_it_exports_events_as_csv_and_records_the_export(client, log, dpo):
    client.force_login(dpo)
    response = client.get("/dane/audyt/", {"format": "csv", "user": "alice"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["action"] for r in rows] == ["export", "record_read"]
    assert rows[1]["object_id"] == "7" and len(rows[1]["hash"]) == 64
    exported = AuditEvent.objects.filter(actor="iod", action="export").get()
    assert exported.detail == {"filters": {"user": "alice"}}


def test_it_neutralises_formulas_in_the_csv(client, log):
    client.force_login(User.objects.create_superuser("root"))
    text = client.get("/dane/audyt/", {"format": "csv"}).content.decode()
    assert "'=cmd" in text and ",=cmd" not in text


@pytest.mark.parametrize("who", ["anonymous", "partner", "staff"])
def test_it_keeps_the_log_from_everyone_else(client, log, who):
    if who != "anonymous":
        client.force_login(User.objects.create_user(who, is_staff=who == "staff"))
    response = client.get("/dane/audyt/", {"format": "csv"})
    assert response.status_code in (302, 403) and b"alice" not in response.content
    assert not AuditEvent.objects.filter(action="export", actor=who).exists()


def test_it_names_what_each_event_is_about_in_polish_and_keeps_the_stored_words(client, log, dpo):
    record_event(None, "admin_change", "resource", object_id="3")
    client.force_login(dpo)
    body = client.get("/dane/audyt/").content.decode().split("<tbody>")[1]
    for polish in ("sesja (logowanie)", "zasób 3", "liczby na jednostkę (eksport)"):
        assert polish in body
    assert ">session" not in body and ">resource" not in body and ">counts" not in body
    stored = set(AuditEvent.objects.values_list("object_type", flat=True))
    assert {"session", "resource", "counts"} <= stored
