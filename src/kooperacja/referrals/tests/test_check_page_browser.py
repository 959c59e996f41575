"""A MOPS worker checks a client on /sprawdz/ on a phone: the answer names the labour office
and the period, the PESEL is gone from the page, and the page passes axe-core's checks."""

from __future__ import annotations

import pytest

from kooperacja.records.tests.world import build_town, pesel
from kooperacja.referrals.tests.world import BAD, import_extracts
from kooperacja.territory.models import Unit
from kooperacja.testing import PASSWORD, PHONE, axe_violations, build_personas, page_width

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_worker_checks_a_client_on_a_phone(live_server, browser_page, tmp_path):
    build_town()
    import_extracts(build_personas(Unit.objects.get(code="C1")), tmp_path)
    page, base = browser_page, live_server.url
    page.set_viewport_size(PHONE)
    page.goto(base + "/konto/logowanie/?next=/sprawdz/")
    page.get_by_label("Adres e-mail").fill("partner_a@example.org")
    page.get_by_label("Hasło").fill(PASSWORD)
    page.get_by_role("button", name="Zaloguj się").click()
    page.wait_for_url(base + "/sprawdz/")
    assert axe_violations(page) == []
    assert page.get_by_role("link", name="Sprawdź klienta").get_attribute("aria-current") == "page"

    page.get_by_label("PESEL klienta").fill(pesel(4))
    page.get_by_label("Rodzaj instrumentu").select_option("training")
    page.get_by_label("zgoda klienta").check()
    page.get_by_label("Pomoc zakończona w dniu lub po dniu").fill("2025-01-01")
    page.get_by_role("button", name="Sprawdź", exact=True).click()
    answer = page.locator("#check-answer")
    answer.wait_for()
    assert "tak (2025, b)" in answer.inner_text()
    assert pesel(4) not in page.content()
    assert page.get_by_label("PESEL klienta").input_value() == ""
    assert page_width(page) <= PHONE["width"]
    assert axe_violations(page) == []

    page.get_by_label("PESEL klienta").fill(BAD)
    page.get_by_label("zgoda klienta").check()
    page.get_by_role("button", name="Sprawdź", exact=True).click()
    page.wait_for_selector("#check-answer:has-text('cyfra kontrolna')")
    assert BAD not in page.content()
    assert axe_violations(page) == []
    assert page.problems == []
