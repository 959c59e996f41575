"""The content security policy in a real browser: it blocks injected script, and the API
docs and the second-factor page work under it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import override_settings

from kooperacja.security.tests.conftest import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_browser_refuses_a_script_injected_into_a_page(live_server, browser_page):
    page = browser_page
    page.goto(live_server.url + "/")
    ran = page.evaluate("""() => {
        const script = document.createElement("script");
        script.textContent = "window.injected = 1";
        document.body.appendChild(script);
        const img = document.createElement("img");
        img.setAttribute("onerror", "window.injected = 2");
        img.src = "/nothing-here.png";
        document.body.appendChild(img);
        return window.injected;
    }""")
    assert ran is None
    assert any("Content Security Policy" in problem for problem in page.problems)


def test_the_api_docs_work_under_the_policy(live_server, browser_page):
    page = browser_page
    page.goto(live_server.url + "/api/v1/docs")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "Kooperacja API" in page.locator(".swagger-ui .info .title").inner_text()
    page.wait_for_selector("#operations-submissions-kooperacja_records_api_create_submission")
    assert page.problems == []


def test_an_administrator_signs_in_and_sees_the_qr_code_to_scan(live_server, browser_page):
    User.objects.create_user(
        "root@example.org", password=PASSWORD, is_staff=True, is_superuser=True
    )
    page = browser_page
    with override_settings(KOOPERACJA_SECOND_FACTOR=True):
        page.goto(live_server.url + "/admin/login/?next=/admin/")
        page.fill("#id_username", "root@example.org")
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        page.wait_for_selector("img.qr")
        assert "/konto/drugi-skladnik/konfiguracja/" in page.url
        page.problems.clear()  # the admin's login page asks for a /favicon.ico it lacks
        page.reload()
        page.wait_for_selector("img.qr")
        assert page.evaluate("document.querySelector('img.qr').naturalWidth") > 100
    assert page.problems == []
