"""The programme's page on a phone: fits the screen, passes axe-core, and says each light
in words and a symbol."""

from __future__ import annotations

import pytest

from kooperacja.programmes.tests.world import programme_world
from kooperacja.testing import PHONE, axe_violations, build_personas, page_width

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_programme_pages_fit_a_phone_and_pass_axe(live_server, browser_page):
    cast = build_personas()
    plan = programme_world(cast.x)
    page, base = browser_page, live_server.url
    page.set_viewport_size(PHONE)
    for path in ("/programy/", f"/programy/{plan.programme.pk}/"):
        page.goto(base + path)
        width = page_width(page)
        assert width <= PHONE["width"], (path, width)
        assert axe_violations(page) == [], path
    assert page.locator(".light", has_text="▲ poniżej ścieżki").count() == 2
    assert page.locator(".light", has_text="✔ zgodnie z planem").count() == 3
    assert page.locator(".light", has_text="✖ w złym kierunku").count() == 3
    assert page.problems == []
