"""Coordinators keep their territories' cycles and requests in the admin too."""

from __future__ import annotations

import pytest
from django.test import Client

from kooperacja.cycles.models import Cycle, DataRequest
from kooperacja.cycles.services.cycles import create_cycle

pytestmark = pytest.mark.django_db


def test_a_coordinator_adds_a_cycle_with_a_request_in_the_admin(personas):
    client = Client()
    client.force_login(personas.coordinator)
    assert client.get("/admin/cycles/cycle/add/").status_code == 200
    response = client.post("/admin/cycles/cycle/add/", {
        "name": "Diagnoza 2025", "territory": personas.x.pk, "period": "2025", "stage": "plan",
        "note": "",
        "requests-TOTAL_FORMS": "1", "requests-INITIAL_FORMS": "0",
        "requests-MIN_NUM_FORMS": "0", "requests-MAX_NUM_FORMS": "1000",
        "requests-0-institution": personas.a.pk, "requests-0-layout": "mops",
        "requests-0-period": "2025", "requests-0-due_date": "2026-01-31",
        "requests-0-note": "",
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    cycle = Cycle.objects.get()
    assert cycle.created_by == personas.coordinator
    assert DataRequest.objects.get().institution == personas.a


def test_another_territorys_cycle_is_not_in_the_coordinators_list(personas):
    create_cycle(None, name="Y 2025", territory=personas.y, period="2025")
    client = Client()
    client.force_login(personas.coordinator)
    page = client.get("/admin/cycles/cycle/").content.decode()
    assert "Y 2025" not in page
    assert client.post("/admin/cycles/cycle/add/", {
        "name": "Y again", "territory": personas.y.pk, "period": "2025", "stage": "plan",
        "requests-TOTAL_FORMS": "0", "requests-INITIAL_FORMS": "0",
        "requests-MIN_NUM_FORMS": "0", "requests-MAX_NUM_FORMS": "1000",
    }).status_code == 403
