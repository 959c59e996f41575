"""The regional view and the map narrowed to a territory, on a phone, in a real browser:
they fit the screen and pass axe-core's checks; the selector works without script."""

from __future__ import annotations

import pytest

from kooperacja.testing import PHONE, assert_fits_and_passes_axe
from kooperacja.web.tests.region_world import build_region

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_regional_view_fits_a_phone_and_passes_axe(live_server, browser_page):
    build_region()
    page, base = browser_page, live_server.url
    page.set_viewport_size(PHONE)
    page.goto(base + "/region/?t=2499&level=gmina&unit=2499022")
    assert page.locator(".region-map svg path").count() == 4
    assert page.locator("#ranking tbody tr").count() == 4
    assert page.locator("#similar tbody tr").count() == 3
    assert_fits_and_passes_axe(page)
    # The choices are a plain form: another region through GET.
    page.get_by_label("Region").select_option("2498")
    page.get_by_role("button", name="Pokaż").click()
    page.wait_for_url("**t=2498**")
    assert "Epsilon" in page.locator("#ranking").inner_text()
    assert "Alfa" not in page.locator("#ranking").inner_text()
    assert page.problems == []


def test_the_map_of_a_territory_fits_a_phone_and_passes_axe(live_server, browser_page):
    build_region()
    page, base = browser_page, live_server.url
    page.set_viewport_size(PHONE)
    page.goto(base + "/?t=2498&level=gmina")
    page.wait_for_selector('#map[data-level="gmina"]')
    assert page.locator("#map path.leaflet-interactive").count() == 3
    assert_fits_and_passes_axe(page)
    # The permalink keeps the territory.
    assert "t=2498" in page.locator("#share").get_attribute("href")
    assert "t=2498" in page.url
    assert page.problems == []
