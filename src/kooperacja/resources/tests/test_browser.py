"""The directory in a real browser: search, the clustered map, help near a typed address."""

from __future__ import annotations

import pytest

from kooperacja.addresses.models import AddressPoint
from kooperacja.resources.tests.conftest import make_resource

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def places(town):
    at = {p.source_id: p for p in AddressPoint.objects.all()}
    for name, kind, source_id in (("Noclegownia Brata Alberta", "shelter", "p-podgorna-2"),
                                  ("Jadłodajnia Caritas", "soup_kitchen", "p-lipowa-1"),
                                  ("Schronisko dla Kobiet", "shelter", "p-lipowa-1")):
        point = at[source_id]
        make_resource(name, kind, address=f"{point.street} {point.number}", locality="Konotop",
                      lon=point.lon, lat=point.lat)


def test_it_searches_the_directory_and_finds_help_near_a_typed_address(
        live_server, browser_page, places):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.goto(live_server.url + "/zasoby/")
    page.wait_for_selector("#resources-map[data-features='3']")
    markers = page.locator(".leaflet-marker-icon.marker-cluster, path.leaflet-interactive")
    assert markers.count() >= 1

    page.locator("#kind").select_option("shelter")
    page.get_by_role("search").get_by_role("button").click()
    page.wait_for_selector("#resources-map[data-features='2']")
    assert page.locator(".resource-list li").count() == 2
    assert "Jadłodajnia" not in page.locator(".results").inner_text()

    page.locator("#near-address").fill("Lipowa 1, Konotop")
    page.locator("#near-kind").select_option("shelter")
    page.locator("form.near button").click()
    page.wait_for_selector(".nearest ol li")
    first = page.locator(".nearest ol li").first.inner_text()
    assert "Schronisko dla Kobiet" in first and "0 m" in first
    second = page.locator(".nearest ol li").nth(1).inner_text()
    assert "Noclegownia" in second and "200 m" in second and "260 m" in second
    assert page.problems == []
