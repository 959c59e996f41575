"""The cycles' pages (in Polish, the site's first language) and API: the coordinator
creates a cycle and requests data with the forms; the team sees its territory's grid, an
institution its own row, others nothing."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client

from kooperacja.cycles.models import Cycle, DataRequest
from kooperacja.cycles.tests.world import sent
from kooperacja.records.models import AuditEvent

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def cycle(personas):
    coordinator = signed_in(personas.coordinator)
    response = coordinator.post("/cykl/nowy/", {"name": "Diagnoza 2025",
                                                "territory": personas.x.pk, "period": "2025"})
    cycle = Cycle.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/cykl/{cycle.pk}/"
    for institution, layout, due in ((personas.a, "mops", "2099-01-31"),
                                     (personas.b, "pup", "2020-01-31")):
        response = coordinator.post(f"/cykl/{cycle.pk}/prosba/", {
            "institution": institution.pk, "layout": layout, "due_date": due})
        assert response.status_code == 302, response.content.decode()[:2000]
    return cycle


def test_the_coordinator_creates_a_cycle_and_its_requests(personas, cycle):
    assert cycle.period == "2025" and cycle.territory == personas.x
    assert list(DataRequest.objects.values_list("institution__code", "layout", "period")) == [
        ("a", "mops", "2025"), ("b", "pup", "2025")]
    assert AuditEvent.objects.filter(action="create", object_type="datarequest").count() == 2
    page = signed_in(personas.coordinator).get(f"/cykl/{cycle.pk}/").content.decode()
    assert "zamówione" in page and "spóźnione" in page and "Poproś instytucję o dane" in page


def test_asking_twice_or_for_a_bad_period_is_refused_on_the_form(personas, cycle):
    coordinator = signed_in(personas.coordinator)
    again = coordinator.post(f"/cykl/{cycle.pk}/prosba/", {
        "institution": personas.a.pk, "layout": "mops", "due_date": "2099-01-31"})
    assert again.status_code == 200 and "już o to poproszono" in again.content.decode()
    bad = coordinator.post("/cykl/nowy/", {"name": "X", "territory": personas.x.pk,
                                           "period": "2025-Q7"})
    assert bad.status_code == 200 and Cycle.objects.count() == 1


def test_the_team_sees_the_grid_an_institution_its_own_row(personas, cycle):
    sent(personas.a)
    analyst = signed_in(personas.analyst_x).get("/cykl/").content.decode()
    assert 'data-institution="a"' in analyst and 'data-institution="b"' in analyst
    assert "otrzymane" in analyst and "spóźnione" in analyst and "Rozpocznij cykl" not in analyst
    partner = signed_in(personas.partner_a).get(f"/cykl/{cycle.pk}/").content.decode()
    assert 'data-institution="a"' in partner and 'data-institution="b"' not in partner
    # Another territory's cycle is refused as a missing one is (403, audited).
    other = signed_in(personas.analyst_y)
    assert [other.get(f"/cykl/{pk}/").status_code for pk in (cycle.pk, 999999)] == [403, 403]
    assert signed_in(personas.partner_b).get(f"/cykl/{cycle.pk}/").status_code == 200
    assert signed_in(personas.analyst_x).post(f"/cykl/{cycle.pk}/etap/",
                                              {"stage": "analysis"}).status_code == 403
    assert signed_in(personas.coordinator).post(f"/cykl/{cycle.pk}/etap/",
                                                {"stage": "analysis"}).status_code == 302
    cycle.refresh_from_db()
    assert cycle.stage == Cycle.Stage.ANALYSIS


def test_the_api_gives_the_grid_to_members(personas, cycle):
    sent(personas.a)
    assert Client().get("/api/v1/cycles/grid").status_code == 403
    body = json.loads(signed_in(personas.coordinator).get(
        "/api/v1/cycles/grid", {"cycle": cycle.pk}).content)
    assert body["periods"] == ["2025"]
    assert {r["institution"]: r["cells"][0]["colour"] for r in body["rows"]} == {
        "a": "green", "b": "red"}
    partner = json.loads(signed_in(personas.partner_a).get("/api/v1/cycles/grid").content)
    assert [r["institution"] for r in partner["rows"]] == ["a"]
    assert partner["requests"][0]["status"] == "received"
    assert partner["requests"][0]["due_date"] == dt.date(2099, 1, 31).isoformat()
    cycles = json.loads(signed_in(personas.analyst_x).get("/api/v1/cycles").content)
    assert [c["name"] for c in cycles] == ["Diagnoza 2025"]
    assert json.loads(signed_in(personas.analyst_y).get("/api/v1/cycles").content) == []
