"""The public offer: list with filters, calendar, GeoJSON, the API; exports for staff;
retention; the demo."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from kooperacja.records.models import AuditEvent
from kooperacja.training.models import Applicant, Offer
from kooperacja.training.services import recruitment
from kooperacja.training.services.demo import fill_demo
from kooperacja.training.services.results import results
from kooperacja.training.services.retention import purge_applicants
from kooperacja.training.tests.conftest import application, kind, make_offer

pytestmark = pytest.mark.django_db


def test_the_list_filters_and_the_calendar_shows_running_offers(personas):
    make_offer(personas.a, title="Kurs A", lon=19.0, lat=50.0)
    make_offer(personas.b, title="Doradztwo B", instrument_type=kind("counselling"),
               starts_on=dt.date(2026, 8, 3), ends_on=dt.date(2026, 8, 7))
    client = Client()
    page = client.get("/oferta/", {"type": "counselling"}).content.decode()
    assert "Doradztwo B" in page and "Kurs A" not in page
    page = client.get("/oferta/", {"quarter": "2026-Q2", "month": "2026-04"}).content.decode()
    assert "Kurs A" in page and "Doradztwo B" not in page
    assert page.count('class="busy"') == 18  # 13-30 April
    for odd in ("0000-01", "2026-13", "x"):
        assert client.get("/oferta/", {"month": odd}).status_code == 200
    features = client.get("/oferta/oferta.geojson").json()["features"]
    assert [f["properties"]["title"] for f in features] == ["Kurs A"]


def test_the_api_lists_public_offers_and_never_applicants(personas, offer):
    recruitment.apply(offer, application("Ala Tajna"))
    make_offer(personas.b, title="Hidden", is_public=False)
    client = Client()
    listing = client.get("/api/v1/offers", {"institution": "a"}).json()
    assert [o["title"] for o in listing] == ["Forklift operator"]
    assert listing[0]["criteria"][0]["code"] == "unemployed" and listing[0]["quarter"] == "2026-Q2"
    assert "Ala" not in str(listing)
    assert client.get(f"/api/v1/offers/{offer.pk}").json()["capacity"] == 3
    for odd in ({"quarter": "0000-Q1"}, {"quarter": "2026-Q5"}):
        assert client.get("/api/v1/offers", odd).json() == [], odd
    for nul in ({"q": "a\x00b"}, {"institution": "\x00"}):  # a bad value, as everywhere
        assert client.get("/api/v1/offers", nul).status_code == 422
    hidden = Offer.objects.get(title="Hidden")
    assert client.get(f"/api/v1/offers/{hidden.pk}").status_code == 404


def test_staff_download_results_and_the_esf_list(personas, offer):
    person = recruitment.apply(offer, application("Ala Tajna", birth_year=1980))
    recruitment.qualify(person, personas.partner_a, qualified=True, score=1)
    recruitment.select(offer, personas.partner_a)
    recruitment.start(person, offer.starts_on, personas.partner_a)
    client = Client()
    client.force_login(personas.partner_a)
    csv = client.get(f"/oferta/{offer.pk}/wyniki.csv").content.decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("stage,total,women,men,K_<25")
    assert csv.splitlines()[1] == "applied,1,1,0,0,1,0,0,0,0"
    book = load_workbook(io.BytesIO(client.get(f"/oferta/{offer.pk}/uczestnicy-efs.xlsx").content))
    rows = list(book["participants"].values)
    assert rows[0][:4] == ("offer", "participant", "sex", "age") and rows[1][3] == 46
    assert "Ala" not in str(rows)
    assert AuditEvent.objects.filter(action="export").count() == 2
    assert client.get(f"/oferta/{offer.pk}/wyniki.pdf").status_code == 404
    assert client.get("/oferta/wyniki/").status_code == 200


def test_applicants_are_deleted_after_the_retention_and_their_counts_kept(personas, offer):
    recruitment.apply(offer, application("Ala Tajna"))
    assert purge_applicants(dt.date(2028, 5, 29)) == 0  # 24 months after the end: not yet
    assert purge_applicants(dt.date(2028, 5, 30), dry_run=True) == 1
    assert purge_applicants(dt.date(2028, 5, 30)) == 1
    assert Applicant.objects.count() == 0
    event = AuditEvent.objects.get(action="retention")
    assert event.detail["counts"]["applied_K"] == 1


def test_the_demo_fills_every_screen(personas):
    assert fill_demo(dt.date(2026, 12, 7)) == 3
    assert fill_demo(dt.date(2026, 12, 7)) == 0
    course = Offer.objects.get(source_id="demo-pup-forklift")
    rows = {r.stage: r for r in results(Offer.objects.filter(pk=course.pk)).rows}
    # 12 applied (8 women, 4 men), 11 qualified, 8 selected of whom one did not start and
    # the first of the reserve took the place; 8 started, 7 completed.
    assert rows["applied"].by_sex == {"K": 8, "M": 4}
    assert rows["qualified"].total == 11
    assert rows["started"].total == 8 and rows["completed"].total == 7
    assert course.applicants.filter(status=Applicant.Status.RESERVE).count() == 2
    assert course.applicants.filter(promoted_at__isnull=False).count() == 1
