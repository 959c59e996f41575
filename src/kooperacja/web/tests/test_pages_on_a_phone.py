"""The pages of people's work (upload, audit log, members, login, second factor) fit a
phone's screen with a margin, and pass axe-core's checks."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from kooperacja.records.models import Submission
from kooperacja.records.services.audit import record_event
from kooperacja.testing import PASSWORD, PHONE, axe_violations, build_personas, page_width

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@override_settings(KOOPERACJA_SECOND_FACTOR=True)
def test_work_pages_fit_a_phone_with_a_margin(live_server, browser_page):
    cast = build_personas()
    for period in ("2024", "2025"):
        Submission.objects.create(
            institution=cast.a, period=period, period_start=dt.date(int(period), 1, 1),
            period_end=dt.date(int(period), 12, 31), layout="mops", status="active",
            rows_imported=12345, rows_rejected=67)
    record_event(cast.installation, "export", "auditevent",
                 {"filters": {"since": "2025-01-01", "action": "record_read"}})
    page, base = browser_page, live_server.url
    page.set_viewport_size(PHONE)

    def check(path: str) -> None:
        page.goto(base + path)
        width = page_width(page)
        assert width <= PHONE["width"], (path, width)
        assert page.locator("main h1").bounding_box()["x"] >= 8, path  # not against the edge
        assert axe_violations(page) == [], path

    check("/konto/logowanie/")
    page.get_by_label("Adres e-mail").fill("installation@example.org")
    page.get_by_label("Hasło").fill(PASSWORD)
    page.get_by_role("button", name="Zaloguj się").click()
    page.wait_for_url("**/konto/drugi-skladnik/konfiguracja/**")
    check(page.url.removeprefix(base))
    page.get_by_label("Kod").fill(f"{totp(TOTPDevice.objects.get().bin_key):06d}")
    page.get_by_role("button", name="Potwierdź").click()
    page.wait_for_url(base + "/")
    for path in ("/dane/upload/", "/dane/audyt/", "/konto/osoby/", "/konto/haslo/",
                 f"/dane/submissions/{Submission.objects.first().pk}/"):
        check(path)
    assert page.problems == []
