"""The page per unit and a map shared by its URL, in a real browser: the shared URL opens
the same indicator, period, level, classes, comparison and selected unit; the unit page
and the map pass axe-core's checks and fit a phone."""

from __future__ import annotations

import re

import pytest

from kooperacja.indicators.tests.world import build_city, counts
from kooperacja.resources.models import Resource, ResourceKind
from kooperacja.testing import PHONE, axe_violations, page_width

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def city():
    units = build_city()
    counts(units, "2024", {"E1": 10, "E2": 10, "E3": 20, "E4": 2})
    counts(units, "2025", {"E1": 30, "E2": 10, "E3": 20, "E4": 3})
    kind = ResourceKind.objects.first()
    Resource.objects.create(name="Punkt pomocy", kind=kind, is_public=True, lon=19.007,
                            lat=52.004, units={"estate": "E1", "district": "D1", "city": "C"})
    return units


def test_a_shared_map_url_opens_the_same_map_and_unit(live_server, browser_page, city):
    page = browser_page
    page.goto(live_server.url + "/?indicator=poverty&period=2024&level=estate"
              "&classes=equal_interval&unit=E2&compare=2025&resources=1")
    page.wait_for_selector('#map[data-indicator="poverty"][data-period="2024"]'
                           '[data-level="estate"][data-classes="equal_interval"]')
    page.wait_for_selector('#selection[data-unit="E2"]')
    assert page.locator("#indicator").input_value() == "poverty"
    assert page.locator("#classes").input_value() == "equal_interval"
    page.wait_for_selector('#map-compare[data-period="2025"]')
    assert page.locator("#table-head th.compare-column").text_content() == "Wskaźnik w 2025"
    assert page.locator("#map-compare path.leaflet-interactive").count() == 4
    page.wait_for_selector("#map[data-resources]")
    assert page.locator("#map").get_attribute("data-resources") == "1"
    # The page's URL keeps the state, and the unit card links to the unit's page.
    url = page.evaluate("window.location.search")
    for part in ("indicator=poverty", "period=2024", "level=estate", "classes=equal_interval",
                 "unit=E2", "compare=2025", "resources=1"):
        assert part in url
    assert page.locator("#about").inner_text() != ""
    csv = page.locator("#download-csv").get_attribute("href")
    assert "format=csv" in csv and "period=2024" in csv
    # A sortable table: sorting the names descending puts E4 first.
    page.locator("summary").click()
    page.locator("#table-head th button").nth(1).click()
    page.locator("#table-head th button").nth(1).click()
    assert page.locator("#table-body tr").first.locator("td").first.inner_text() == "E4"
    # Rates and their intervals keep one decimal, as on the unit page (11,0, not 11).
    rates = [page.locator("#table-body tr").nth(i).locator("td").nth(4).inner_text()
             for i in range(page.locator("#table-body tr").count())]
    shown = [rate for rate in rates if rate]
    assert shown and all(re.fullmatch(r"[\d\u00a0 ]+,\d", rate) for rate in shown), rates
    interval = page.locator("#table-body tr").nth(rates.index(shown[0])).locator("td").nth(5)
    assert re.fullmatch(r"[\d\u00a0 ]+,\d – [\d\u00a0 ]+,\d", interval.inner_text())
    assert axe_violations(page, impacts=("serious", "critical")) == []
    page.locator("#selection a.unit-page-link").click()
    page.wait_for_url("**/obszar/estate/E2/")
    assert "Unit E2" in page.locator("h1").inner_text()
    assert page.problems == []


def test_the_unit_page_shows_its_numbers_beside_its_charts(live_server, browser_page, city):
    page = browser_page
    page.goto(live_server.url + "/obszar/estate/E1/")
    assert page.locator("svg.pyramid").count() == 1
    assert page.locator("#pyramid-table tbody tr").count() == 5
    assert page.locator('#indicator-table tr[data-indicator="poverty"]').count() == 1
    assert "Punkt pomocy" in page.locator("#resources-inside").inner_text()
    assert axe_violations(page, impacts=("serious", "critical")) == []
    page.get_by_role("link", name="Pokaż na mapie").click()
    page.wait_for_selector('#map[data-level="estate"]')
    page.wait_for_selector('#selection[data-unit="E1"]')
    assert page.problems == []


def test_the_unit_page_and_the_map_fit_a_phone(live_server, browser_page, city):
    page = browser_page
    page.set_viewport_size(PHONE)
    for path in ("/obszar/estate/E4/", "/?indicator=poverty&level=estate&unit=E4"):
        page.goto(live_server.url + path)
        if path.startswith("/?"):
            page.wait_for_selector('#map[data-indicator="poverty"]')
        width = page_width(page)
        assert width <= PHONE["width"], (path, width)
        assert axe_violations(page, impacts=("serious", "critical")) == [], path
    assert page.problems == []


def test_an_address_jumps_to_its_unit_and_the_map_downloads_as_png(
    live_server, browser_page, city
):
    page = browser_page
    # The register's geocoder is tested in addresses/; here its answer is given.
    page.route("**/api/v1/addresses/geocode", lambda route: route.fulfill(
        status=200, content_type="application/json",
        body='{"status": "found", "score": 1, "method": "exact", "address_id": null, '
             '"lon": 19.05, "lat": 52.004, "units": {"city": "C", "district": "D2", '
             '"estate": "E4"}}'))
    page.goto(live_server.url + "/?indicator=poverty&level=estate")
    page.wait_for_selector('#map[data-indicator="poverty"][data-level="estate"]')
    page.get_by_label("Znajdź adres").fill("Długa 1")
    page.get_by_role("button", name="Szukaj").click()
    page.wait_for_selector('#selection[data-unit="E4"]')
    assert "Unit E4" in page.locator("#address-result").inner_text()
    assert "unit=E4" in page.evaluate("window.location.search")
    with page.expect_download() as download:
        page.locator("#download-png").click()
    assert download.value.suggested_filename == "poverty-estate.png"
    assert page.problems == []


def test_a_shared_density_map_opens_on_its_unit(live_server, browser_page, city):
    page = browser_page
    page.goto(live_server.url + "/?indicator=density&level=district&unit=D2")
    page.wait_for_selector('#map[data-indicator="density"][data-level="district"]')
    page.wait_for_selector('#selection[data-unit="D2"]')
    assert page.locator("#selection a.unit-page-link").get_attribute("href") == (
        "/obszar/district/D2/")
    assert "unit=D2" in page.evaluate("window.location.search")
    assert page.locator("#download-csv").is_hidden()
    assert "level=district" in page.locator("#download-geojson").get_attribute("href")
    assert page.problems == []
