"""The indicator map in a real browser: pickers change the map, hidden units are drawn."""

from __future__ import annotations

import json

import pytest

from kooperacja.indicators.tests.world import build_city, counts
from kooperacja.territory.models import Unit

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def city():
    units = build_city()
    counts(units, "2024", {"E1": 10, "E2": 10, "E3": 20, "E4": 2})
    counts(units, "2025", {"E1": 30, "E2": 10, "E3": 20, "E4": 3})


def test_it_switches_indicator_period_level_and_classes_and_hatches_hidden_units(
    live_server, browser_page, city, client
):
    page = browser_page
    page.goto(live_server.url + "/")
    page.wait_for_selector('#map[data-indicator="density"][data-features]')
    page.get_by_label("Estate").check()
    page.wait_for_selector('#map[data-level="estate"]')

    page.select_option("#indicator", "poverty")
    page.wait_for_selector('#map[data-indicator="poverty"][data-period="2025"][data-level="estate"]')
    api = json.loads(client.get("/api/v1/indicators/poverty/values",
                                {"level": "estate", "period": "2025"}).content)
    assert api["hidden"] == 2
    assert page.locator("#map path.unit-hidden").count() == 2
    assert page.locator("#map path.unit-shown").count() == 2
    legend = page.locator("#legend").inner_text()
    assert "mniej niż 5" in legend or "fewer than 5" in legend
    assert "E4" in page.locator("#table-body").text_content()

    page.select_option("#period", "2024")
    page.wait_for_selector('#map[data-period="2024"]')
    page.select_option("#classes", "equal_interval")
    page.wait_for_selector('#map[data-classes="equal_interval"]')
    page.get_by_label("District").check()
    page.wait_for_selector('#map[data-level="district"][data-period="2024"]')
    assert page.locator("#map path.leaflet-interactive").count() == 2

    # Keyboard: a unit is a button on the map; Enter opens its card with the trend.
    page.locator("#map path.leaflet-interactive").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#selection[data-unit] svg")
    assert page.locator("#selection svg polyline").count() == 2

    page.check("#hotspots")
    page.wait_for_selector('#map[data-hotspots="0"]')  # two districts cannot cluster
    page.get_by_label("Estate").check()
    page.wait_for_selector('#map[data-level="estate"][data-hotspots]')
    assert page.locator("#hotspot-legend h2").count() == 1
    assert page.problems == []


def test_it_asks_analysts_to_log_in_for_their_view(live_server, browser_page, city):
    page = browser_page
    page.goto(live_server.url + "/?view=analyst")
    # The site's login page, which comes back to the analyst view after signing in.
    assert page.url.startswith(live_server.url + "/konto/logowanie/")
    assert "next=/%3Fview%3Danalyst" in page.url


def test_it_opens_an_indicator_on_the_latest_year_not_a_half_year_uploaded_after_it(
    live_server, browser_page, city, client
):
    units = {u.code: u for u in Unit.objects.all()}
    counts(units, "2025-H1", {"E1": 15, "E2": 6, "E3": 12, "E4": 2})
    page = browser_page
    page.goto(live_server.url + "/")
    page.wait_for_selector('#map[data-indicator="density"][data-features]')
    page.select_option("#indicator", "poverty")
    page.wait_for_selector('#map[data-indicator="poverty"][data-period]')
    assert page.locator("#map").get_attribute("data-period") == "2025"
    assert page.locator("#period").input_value() == "2025"
    # The unit card's trend joins the years only.
    page.locator("#map path.leaflet-interactive").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#selection[data-unit] svg")
    labels = page.locator("#selection svg text").all_text_contents()
    assert "2024" in labels and "2025" in labels and "2025-H1" not in labels
    assert page.problems == []
