"""The data catalogue in a real browser: it fits a phone, passes axe-core's checks, and
the map's "Źródła danych" leads to it."""

from __future__ import annotations

import pytest

from kooperacja.catalogue.tests.fixtures import build_installation
from kooperacja.testing import PHONE, axe_violations, page_width

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_catalogue_fits_a_phone_passes_axe_and_is_linked_from_the_map(live_server,
                                                                          browser_page):
    build_installation()
    page, base = browser_page, live_server.url
    page.goto(base + "/")
    page.get_by_role("link", name="Źródła danych").click()
    page.wait_for_url(base + "/dane/")
    assert page.locator("main h1").inner_text() == "Źródła danych"
    for section in ("boundaries", "population", "addresses", "indicators", "submissions"):
        assert page.locator(f'table[data-section="{section}"] tbody tr').count() >= 1, section
    page.set_viewport_size(PHONE)
    page.reload()
    width = page_width(page)
    assert width <= PHONE["width"], width
    assert axe_violations(page) == []
    assert page.problems == []
