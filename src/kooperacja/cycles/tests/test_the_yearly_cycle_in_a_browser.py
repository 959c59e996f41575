"""Issue 18, "Done when": a coordinator creates a cycle and asks two institutions for their
data; one partner uploads on the upload page; the grid turns green for it and amber for
the other; once the other's due date has passed the reminder goes to it alone; the data
steward approves the upload and only then does the public map show the new period. Every
page passes axe-core's checks."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from kooperacja.cycles.models import DataRequest
from kooperacja.records.models import Submission
from kooperacja.records.services.importing import import_submission
from kooperacja.records.tests.world import MOPS_HEADER, build_town, mops_row, write_csv
from kooperacja.territory.models import Unit
from kooperacja.testing import PASSWORD, approve_submissions, axe_violations, build_personas

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def sign_in(page, base: str, email: str) -> None:
    page.goto(base + "/konto/logowanie/")
    page.get_by_label("Adres e-mail").fill(email)
    page.get_by_label("Hasło").fill(PASSWORD)
    page.get_by_role("button", name="Zaloguj się").click()
    page.wait_for_url(lambda url: "/logowanie/" not in url)


def sign_out(page) -> None:
    # Waiting for the sign-out's page: the next page must not load while it arrives (the
    # map's requests were aborted by it).
    with page.expect_navigation():
        page.get_by_role("button", name="Wyloguj").click()


def grid_cell(page, institution: str) -> str:
    return page.locator(f'#cycle-grid tr[data-institution="{institution}"] td').first.inner_text()


def public_periods(page, base: str) -> list[str]:
    """The periods of poverty the public map offers (its page's configuration)."""
    page.goto(base + "/")
    config = json.loads(page.locator("#map-config").text_content())
    return next((i["periods"] for i in config["indicators"] if i["id"] == "poverty"), [])


@override_settings(TASKS=IMMEDIATE)
def test_a_cycle_from_request_to_publication(live_server, browser_page, tmp_path):
    build_town()
    cast = build_personas(Unit.objects.get(code="C1"))
    earlier = import_submission(write_csv(tmp_path / "2024.csv", MOPS_HEADER, [mops_row(1)]),
                                cast.a, "2024", "mops")
    approve_submissions(earlier)  # last year's diagnosis, already public
    page, base = browser_page, live_server.url
    today = timezone.localdate()
    assert public_periods(page, base) == ["2024"]

    # The coordinator starts the cycle and asks A (MOPS) and B (PUP) for their 2025 data.
    sign_in(page, base, "coordinator@example.org")
    page.get_by_role("link", name="Cykl diagnozy").click()
    page.get_by_label("nazwa").fill("Diagnoza 2025")
    page.get_by_label("okres").fill("2025")
    page.get_by_role("button", name="Utwórz cykl").click()
    page.wait_for_selector("text=Cykl utworzono")
    assert axe_violations(page) == []
    for institution, layout in ((cast.a, "mops"), (cast.b, "pup")):
        page.get_by_label("instytucja").select_option(str(institution.pk))
        page.get_by_label("układ pliku").select_option(layout)
        page.get_by_label("termin").fill((today + dt.timedelta(days=7)).isoformat())
        page.get_by_role("button", name="Poproś o dane").click()
        page.wait_for_selector(f'#cycle-grid tr[data-institution="{institution.code}"]')
    assert grid_cell(page, "a") == grid_cell(page, "b") == "zamówione"
    assert axe_violations(page) == []
    cycle_url = page.url
    sign_out(page)

    # A's partner sends the extract on the upload page.
    sign_in(page, base, "partner_a@example.org")
    page.get_by_role("link", name="Prześlij wyciąg danych").click()
    page.get_by_label("instytucja").select_option(str(cast.a.pk))
    page.get_by_label("okres").fill("2025")
    page.get_by_label("układ pliku").select_option("mops")
    extract = write_csv(tmp_path / "2025.csv", MOPS_HEADER, [mops_row(1), mops_row(2, "Krótka")])
    page.get_by_label("plik (CSV lub XLSX)").set_input_files(str(extract))
    page.get_by_role("button", name="Wyślij").click()
    page.wait_for_selector('[data-field="status"]:text("zaimportowano")')
    # The partner sees its own row of the cycle, not B's.
    page.goto(cycle_url)
    assert grid_cell(page, "a") == "otrzymane"
    assert page.locator('#cycle-grid tr[data-institution="b"]').count() == 0
    sign_out(page)

    # The coordinator's grid: green for A, amber for B (not yet due).
    sign_in(page, base, "coordinator@example.org")
    page.goto(cycle_url)
    assert grid_cell(page, "a") == "otrzymane"
    assert page.locator('#cycle-grid tr[data-institution="a"] .mark-green').count() == 1
    assert grid_cell(page, "b") == "zamówione"
    assert page.locator('#cycle-grid tr[data-institution="b"] .mark-amber').count() == 1
    assert axe_violations(page) == []

    # B's due date passes: B turns red and the reminder goes to B's people only.
    DataRequest.objects.filter(institution=cast.b).update(due_date=today - dt.timedelta(days=1))
    page.reload()
    assert grid_cell(page, "b") == "spóźnione"
    assert page.locator('#cycle-grid tr[data-institution="b"] .mark-red').count() == 1
    call_command("remind_submissions", "--send")
    assert [m.to for m in mail.outbox] == [["partner_b@example.org"]]
    sign_out(page)

    # Not public before the steward approves; analysts see it already.
    assert public_periods(page, base) == ["2024"]
    sign_in(page, base, "analyst_x@example.org")
    page.goto(base + "/?view=analyst")
    config = json.loads(page.locator("#map-config").text_content())
    assert next(i["periods"] for i in config["indicators"] if i["id"] == "poverty") == [
        "2024", "2025"]
    sign_out(page)

    submission = Submission.objects.get(period="2025")
    sign_in(page, base, "steward_a@example.org")
    page.goto(f"{base}/dane/submissions/{submission.pk}/")
    page.get_by_role("button", name="Zatwierdź").click()
    page.wait_for_selector('[data-field="review"]:text("zatwierdzone")')
    page.goto(cycle_url)
    assert grid_cell(page, "a") == "zatwierdzone"
    sign_out(page)

    assert public_periods(page, base) == ["2024", "2025"]
    assert page.problems == []
