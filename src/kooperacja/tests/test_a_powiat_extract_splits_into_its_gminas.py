"""A powiat labour office's extract holds people of both its gminas: each is counted in the
gmina (and estate) its address lies in, and each gmina's analyst sees only its own."""

from __future__ import annotations

import pytest
from django.test import Client

from kooperacja.records.models import UnitCount
from kooperacja.tests import two_gminas as world_of
from kooperacja.tests.two_gminas import PERIOD, A, B

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tmp_path):
    return world_of.build_world(tmp_path)


def _persons(world, level: str) -> dict[str, int]:
    found = UnitCount.objects.active(PERIOD, world.pup).filter(
        level__code=level, code_list__isnull=True)
    return {c.unit.code: c.persons for c in found.select_related("unit")}


def test_the_powiat_offices_clients_fall_into_the_gminas_they_live_in(world):
    assert world.pup_submission.addresses_unmatched == 0
    assert _persons(world, "city") == world_of.pup_truth() == {A: 17, B: 8}
    assert _persons(world, "estate") == {"A1": 8, "A2": 9, "B1": 4, "B2": 4}
    assert _persons(world, "powiat") == {world_of.POWIAT: 25}


def test_each_gminas_analyst_sees_the_offices_clients_living_in_it_only(world):
    seen = {}
    for name in ("analyst_a", "analyst_b", "analyst_p"):
        client = Client()
        client.force_login(getattr(world, name))
        answer = client.get("/api/v1/indicators/long-term-unemployed/values",
                            {"level": "estate", "period": PERIOD, "audience": "analyst"})
        assert answer.status_code == 200
        seen[name] = {v["unit_code"]: v["value"] for v in answer.json()["values"]}
    # Per 1,000 residents aged 18-64 (600 in each estate, 1,200 in B2); B's 4 are above the
    # analysts' k.
    assert seen["analyst_a"] == {"A1": pytest.approx(8 / 0.6), "A2": pytest.approx(9 / 0.6)}
    assert seen["analyst_b"] == {"B1": pytest.approx(4 / 0.6), "B2": pytest.approx(4 / 1.2)}
    # The powiat's analyst: both gminas (a grant on a powiat covers its gminas).
    assert seen["analyst_p"] == seen["analyst_a"] | seen["analyst_b"]
