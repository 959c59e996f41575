"""A partner signs in on the login page, sends an extract and reads its import report; a
partner of another institution cannot open it. Pages pass axe-core's checks."""

from __future__ import annotations

import pytest
from django.test import override_settings

from kooperacja.records.models import Submission
from kooperacja.records.tests.world import MOPS_HEADER, build_town, mops_row, write_csv
from kooperacja.territory.models import Unit
from kooperacja.testing import PASSWORD, axe_violations, build_personas

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
# The tests' task backend: the import runs as soon as the upload is saved.
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def sign_in(page, base: str, email: str) -> None:
    page.goto(base + "/zasoby/")
    page.get_by_role("link", name="Zaloguj się").click()
    page.get_by_label("Adres e-mail").fill(email)
    page.get_by_label("Hasło").fill(PASSWORD)
    page.get_by_role("button", name="Zaloguj się").click()
    page.wait_for_url(base + "/zasoby/")


@override_settings(TASKS=IMMEDIATE)
def test_a_partner_uploads_and_reads_its_report_which_another_partner_cannot_open(
        live_server, browser_page, tmp_path):
    build_town()
    cast = build_personas(Unit.objects.get(code="C1"))
    extract = write_csv(
        tmp_path / "Kowalski.csv", MOPS_HEADER, [mops_row(1), mops_row(2, reasons="??")]
    )
    page, base = browser_page, live_server.url

    page.goto(base + "/konto/logowanie/")
    assert axe_violations(page) == []
    sign_in(page, base, "partner_a@example.org")
    page.get_by_role("link", name="Prześlij wyciąg danych").click()
    page.get_by_label("instytucja").select_option(str(cast.a.pk))
    page.get_by_label("okres").fill("2025")
    page.get_by_label("układ pliku").select_option("mops")
    page.get_by_label("plik (CSV lub XLSX)").set_input_files(str(extract))
    page.get_by_role("button", name="Wyślij").click()
    page.wait_for_selector('[data-field="status"]:text("zaimportowano")')
    assert page.problems == []
    assert page.locator('[data-field="rows_imported"]').inner_text() == "1"
    assert page.locator('[data-field="rows_rejected"]').inner_text() == "1"
    assert axe_violations(page) == []
    report = page.url
    assert report.endswith(f"/dane/submissions/{Submission.objects.get().pk}/")

    page.get_by_role("button", name="Wyloguj").click()
    sign_in(page, base, "partner_b@example.org")
    assert page.goto(report).status == 404
