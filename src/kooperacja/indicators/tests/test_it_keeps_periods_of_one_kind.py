"""Years go with years, half-years with half-years: a half-year uploaded after a year does
not become the map's period, and a unit's trend never joins 2025 to 2025-H1."""

from __future__ import annotations

import json

import pytest

from kooperacja.indicators.tests.world import counts
from kooperacja.records.models import Submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def halves(city):
    """The city's 2024 and 2025 counts, then 2024-H1 and 2025-H1 uploaded after them."""
    counts(city, "2024-H1", {"E1": 6, "E2": 6, "E3": 9, "E4": 1})
    counts(city, "2025-H1", {"E1": 15, "E2": 6, "E3": 12, "E4": 2})
    return city


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return json.loads(response.content)


def test_it_opens_the_map_on_the_latest_year_after_a_half_year_upload(client, halves):
    (poverty,) = [i for i in get(client, "/api/v1/indicators") if i["id"] == "poverty"]
    assert poverty["periods"] == ["2024", "2024-H1", "2025", "2025-H1"]
    assert poverty["default_period"] == "2025"
    config = client.get("/").context["map_config"]
    (on_map,) = [i for i in config["indicators"] if i["id"] == "poverty"]
    assert on_map["default_period"] == "2025"


def test_it_opens_on_the_latest_half_year_when_there_is_no_year(client, city):
    Submission.objects.filter(period__in=["2024", "2025"]).update(status="replaced")
    counts(city, "2025-Q1", {"E1": 5})
    counts(city, "2024-H2", {"E1": 5})
    counts(city, "2025-03", {"E1": 5})
    (poverty,) = [i for i in get(client, "/api/v1/indicators") if i["id"] == "poverty"]
    assert poverty["default_period"] == "2024-H2"


def test_it_draws_a_trend_of_years_or_of_half_years_never_both(client, halves):
    years = get(client, "/api/v1/indicators/poverty/units/E1", period="2025")
    assert [p["period"] for p in years["series"]] == ["2024", "2025"]
    assert years["series"][-1]["value"] == pytest.approx(30 / 1000 * 1000)
    halves_card = get(client, "/api/v1/indicators/poverty/units/E1", period="2025-H1")
    assert [p["period"] for p in halves_card["series"]] == ["2024-H1", "2025-H1"]
    assert halves_card["series"][-1]["value"] == pytest.approx(15 / 1000 * 1000)


def test_it_compares_a_half_year_with_the_half_year_before_not_with_the_year(client, halves):
    body = get(client, "/api/v1/indicators/poverty/values", level="estate", period="2025-H1")
    assert body["previous_period"] == "2024-H1"
    e1 = next(r for r in body["values"] if r["unit_code"] == "E1")
    assert e1["previous_value"] == pytest.approx(6.0)
    assert get(client, "/api/v1/indicators/poverty/values", level="estate",
               period="2025")["previous_period"] == "2024"
    counts(halves, "2025-Q3", {"E1": 9})
    assert get(client, "/api/v1/indicators/poverty/values", level="city",
               period="2025-Q3")["previous_period"] is None
