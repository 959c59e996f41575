"""The programme's page on a phone: fits the screen, passes axe-core, and says each light
in words and a symbol."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from kooperacja.programmes.tests.world import programme_world
from kooperacja.testing import build_personas

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PHONE = {"width": 375, "height": 667}


def test_the_programme_pages_fit_a_phone_and_pass_axe(live_server, browser_page):
    cast = build_personas()
    plan = programme_world(cast.x)
    page, base = browser_page, live_server.url
    page.set_viewport_size(PHONE)
    for path in ("/programy/", f"/programy/{plan.programme.pk}/"):
        page.goto(base + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], (path, width)
        assert [v["id"] for v in Axe().run(page).response["violations"]] == [], path
    assert page.locator(".light", has_text="▲ poniżej ścieżki").count() == 2
    assert page.locator(".light", has_text="✔ zgodnie z planem").count() == 3
    assert page.locator(".light", has_text="✖ w złym kierunku").count() == 3
    assert page.problems == []
