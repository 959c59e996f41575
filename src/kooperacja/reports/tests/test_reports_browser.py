"""In a real browser, on a phone's screen: an analyst generates a report and writes a
chapter's narrative, the coordinator accepts and publishes it, and a visitor without an
account downloads it from the public site. Every page passes axe-core's checks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import override_settings

from kooperacja.reports import saved
from kooperacja.reports.models import SavedReport
from kooperacja.reports.tests.fakes import Engine
from kooperacja.testing import PASSWORD, PHONE, assert_fits_and_passes_axe, build_personas

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def sign_in(page, base: str, email: str) -> None:
    page.goto(base + "/raporty/opublikowane/")
    page.get_by_role("link", name="Zaloguj się").click()
    page.get_by_label("Adres e-mail").fill(email)
    page.get_by_label("Hasło").fill(PASSWORD)
    page.get_by_role("button", name="Zaloguj się").click()
    page.wait_for_url(base + "/raporty/opublikowane/")


def sign_out(page, base: str) -> None:
    page.get_by_role("button", name="Wyloguj").click()
    page.wait_for_url(base + "/")
    page.wait_for_load_state("networkidle")  # the map loads before the next page is asked


@override_settings(TASKS=IMMEDIATE)
def test_an_analyst_drafts_the_coordinator_publishes_and_anyone_downloads(
    live_server, browser_page, monkeypatch
):
    engine = Engine()
    monkeypatch.setattr(saved, "build_report", engine.build_report)
    monkeypatch.setattr(saved, "render", engine.render)
    build_personas()
    page, base = browser_page, live_server.url
    page.set_viewport_size(PHONE)

    page.goto(base + "/raporty/opublikowane/")
    assert page.locator("#no-reports").is_visible()
    assert_fits_and_passes_axe(page)

    sign_in(page, base, "analyst_x@example.org")
    page.get_by_role("link", name="Raporty").click()
    page.wait_for_url(base + "/raporty/")
    assert page.locator("#no-reports").is_visible()
    assert_fits_and_passes_axe(page)
    page.get_by_label("szablon").select_option("diagnoza")
    page.get_by_label("terytorium").select_option("X")
    page.get_by_label(re.compile(r"^okres:?$")).fill("2025")
    page.get_by_label("porównaj z okresem (nieobowiązkowe)").fill("2024")
    page.get_by_role("button", name="Generuj").click()
    page.wait_for_selector("#chapter-poverty")
    assert page.get_by_role("heading", name="Diagnoza X 2025").is_visible()
    assert (
        page.locator("#chapter-homelessness").get_by_text("Brak danych o bezdomności.").is_visible()
    )
    assert_fits_and_passes_axe(page)

    chapter = page.locator("#chapter-poverty")
    chapter.get_by_text("Napisz opis").click()
    chapter.get_by_label("Opis rozdziału „Ubóstwo”").fill(
        "Ubóstwo maleje.\n\nNajwięcej osób na osiedlu E1."
    )
    chapter.get_by_role("button", name="Zapisz opis").click()
    page.wait_for_selector("text=Opis zapisano.")
    assert page.locator("#chapter-poverty .narrative").inner_text().startswith("Ubóstwo maleje.")
    assert page.get_by_role("button", name="Opublikuj").count() == 0
    assert_fits_and_passes_axe(page)
    report = SavedReport.objects.get()
    assert report.narrative == {"poverty": "Ubóstwo maleje.\n\nNajwięcej osób na osiedlu E1."}

    sign_out(page, base)
    sign_in(page, base, "coordinator@example.org")
    page.goto(base + f"/raporty/{report.pk}/")
    page.get_by_role("button", name="Przyjmij w imieniu zespołu").click()
    page.wait_for_selector("text=Raport został przyjęty przez zespół.")
    page.get_by_role("button", name="Opublikuj").click()
    page.wait_for_selector("text=Raport opublikowano: każdy może go pobrać.")
    assert page.locator('[data-field="status"]').inner_text() == "opublikowany"
    assert_fits_and_passes_axe(page)

    sign_out(page, base)
    page.goto(base + "/raporty/opublikowane/")
    assert page.get_by_role("heading", name="Diagnoza X 2025").is_visible()
    assert_fits_and_passes_axe(page)
    with page.expect_download() as info:
        page.get_by_role("link", name="DOCX (Word, LibreOffice)").click()
    download = info.value
    assert download.suggested_filename == f"raport-diagnoza-x-2025-{report.pk}.docx"
    content = Path(download.path()).read_text(encoding="utf-8")
    assert "Ubóstwo: Ubóstwo maleje." in content
    assert page.problems == [], page.problems
