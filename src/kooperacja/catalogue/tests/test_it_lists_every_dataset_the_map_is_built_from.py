"""The data catalogue (/dane/, /api/v1/catalogue, its download): every dataset with its
source, period, last update and rows; the public part for everyone, more by the policy."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from django.test import Client
from openpyxl import load_workbook

from kooperacja.catalogue.services.catalogue import SECTIONS, build_catalogue
from kooperacja.catalogue.tests.fixtures import build_installation
from kooperacja.records.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_installation()


def entries(client: Client) -> list[dict]:
    response = client.get("/api/v1/catalogue")
    assert response.status_code == 200
    return json.loads(response.content)["entries"]


def as_(world, name: str) -> Client:
    client = Client()
    if name != "anonymous":
        client.force_login(getattr(world, name))
    return client


def test_it_lists_every_dataset_of_the_installation_with_its_date(world):
    catalogue = build_catalogue(world.installation)
    for section in SECTIONS:
        assert catalogue.section(section) or section == "requests", section
    for entry in catalogue.entries:
        assert entry.source or entry.section == "aggregates", entry
        if entry.section == "population":
            assert entry.period in ("2024", "2025") and entry.status == "given"
        else:
            assert entry.updated, entry
    generations = catalogue.section("boundaries")
    assert {(e.dataset, e.rows, e.status) for e in generations} == {
        ("City (city)", 2, "current"), ("District (district)", 2, "current"),
        ("Estate (estate)", 4, "current")}
    register = catalogue.section("addresses")[0]
    assert register.rows == 1234 and "PRG_PunktyAdresowe" in register.source
    poverty = next(e for e in catalogue.section("indicators") if e.dataset.startswith("Pomoc"))
    assert poverty.period == "2025" and poverty.updated.startswith("2026-01-05")


def test_the_anonymous_visitor_sees_the_public_part_only(world):
    found = entries(as_(world, "anonymous"))
    submissions = [e for e in found if e["section"] == "submissions"]
    # The MOPS extract the public indicators count: institution, period and date only.
    assert submissions == [{
        "section": "submissions", "dataset": "a", "source": "a", "period": "2025",
        "updated": submissions[0]["updated"], "rows": None, "status": "public", "note": "",
        "imported_by": None}]
    assert not [e for e in found if e["section"] == "aggregates"]
    assert all(e["status"] == "public" for e in found if e["section"] == "indicators")
    assert {e["section"] for e in found} >= {"boundaries", "population", "teryt", "addresses",
                                             "resources", "indicators"}
    page = as_(world, "anonymous").get("/dane/").content.decode()
    for secret in ("partner_a@example.org", "partner_b", "Kowalski", "failed", "police"):
        assert secret not in page and secret not in json.dumps(found)


def test_an_analyst_sees_the_territorys_submissions_in_full_but_not_who_sent_them(world):
    found = entries(as_(world, "analyst_x"))
    mine = [e for e in found if e["section"] == "submissions"]
    assert [(e["source"], e["period"], e["rows"], e["status"]) for e in mine] == [
        ("a", "2025", 42, "active")]
    assert mine[0]["imported_by"] is None
    assert [e["source"] for e in found if e["section"] == "aggregates"] == [""]
    # Not the other territory's institution, nor file names of extracts.
    assert "Kowalski" not in json.dumps(found)


def test_an_institution_sees_who_sent_its_submissions(world):
    mine = [e for e in entries(as_(world, "partner_a")) if e["section"] == "submissions"]
    assert [e["imported_by"] for e in mine] == ["partner_a@example.org"]
    every = [e for e in entries(as_(world, "installation")) if e["section"] == "submissions"]
    assert {(e["source"], e["status"], e["imported_by"]) for e in every} == {
        ("a", "active", "partner_a@example.org"), ("b", "failed", "partner_b@example.org")}
    page = as_(world, "partner_a").get("/dane/").content.decode()
    assert "partner_a@example.org" in page and "partner_b@example.org" not in page


def test_it_says_where_each_requested_dataset_stands_in_its_cycle(world):
    import datetime as dt

    from kooperacja.cycles.services.cycles import create_cycle, request_data

    cycle = create_cycle(world.coordinator, name="Diagnoza", territory=world.units["C"],
                         period="2025")
    for institution in (world.a, world.b):
        request_data(world.coordinator, cycle, institution, layout="mops",
                     due_date=dt.date(2025, 3, 1))
    found = [e for e in entries(as_(world, "coordinator")) if e["section"] == "requests"]
    # a's 2025 extract is in use and approved; b sent nothing and is past due.
    assert [(e["source"], e["period"], e["status"]) for e in found] == [
        ("a", "2025", "request_approved"), ("b", "2025", "request_late")]
    assert found[0]["note"] == "Diagnoza (2025); termin 2025-03-01"
    page = as_(world, "coordinator").get("/dane/").content.decode()
    assert "Prośby o dane w cyklach diagnozy" in page and "spóźnione" in page
    assert not [e for e in entries(as_(world, "anonymous")) if e["section"] == "requests"]


def test_the_catalogue_downloads_for_polish_excel_and_as_a_workbook(world):
    client = as_(world, "installation")
    body = client.get("/dane/katalog/pobierz/", {"format": "csv", "excel": "1"}).content
    assert body.startswith(b"\xef\xbb\xbf")
    table = pd.read_csv(io.BytesIO(body), sep=";", encoding="utf-8-sig", dtype={"period": str})
    assert set(SECTIONS) - {"requests"} == set(table["section"])  # no cycle in this world
    assert ".0" not in body.decode("utf-8-sig").split("\n", 1)[1].replace("PRG", "")
    response = client.get("/dane/katalog/pobierz/", {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content))["catalogue"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["section", "dataset", "source"] and sheet.max_row == len(table) + 1
    exports = AuditEvent.objects.filter(action="export", object_type="catalogue")
    assert exports.count() == 2
    assert client.get("/dane/katalog/pobierz/", {"format": "pdf"}).status_code == 404


def test_the_map_says_where_its_numbers_come_from(world):
    page = Client().get("/").content.decode()
    assert 'href="/dane/"' in page and "Źródła danych" in page
