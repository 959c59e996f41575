"""In a real browser, on a phone's screen: the public partnership page, then a member of
the diagnosis team signs in, opens the team's page and its past meeting. Every page fits
the phone and passes axe-core's checks."""

from __future__ import annotations

import pytest

from kooperacja.cooperation.tests.world import cooperation_world
from kooperacja.testing import (
    PASSWORD,
    PHONE,
    WCAG,
    assert_fits_and_passes_axe,
    axe_violations,
    build_personas,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_public_sees_the_partnership_a_member_opens_the_team_and_meeting(
    live_server, browser_page
):
    cast = build_personas()
    world = cooperation_world(cast)
    page, base = browser_page, live_server.url
    page.set_viewport_size(PHONE)

    page.goto(base + "/partnerstwo/")
    assert page.get_by_role("heading", name="List intencyjny").is_visible()
    assert page.get_by_text("Umowa powierzenia").count() == 0  # not public
    assert_fits_and_passes_axe(page)

    page.get_by_role("link", name="Zaloguj się").click()
    page.get_by_label("Adres e-mail").fill("analyst_x@example.org")
    page.get_by_label("Hasło").fill(PASSWORD)
    page.get_by_role("button", name="Zaloguj się").click()
    page.wait_for_url(base + "/partnerstwo/")
    page.get_by_role("link", name="Współpraca").click()
    page.wait_for_url(base + "/wspolpraca/")
    assert_fits_and_passes_axe(page)
    page.locator("#teams").get_by_role("link", name="Zespół diagnostyczny X").click()
    page.wait_for_url(base + f"/wspolpraca/{world.team.code}/")
    assert page.get_by_role("heading", name="Członkowie").is_visible()
    assert page.locator("#members").get_by_text("Jan Kowalski").is_visible()
    assert_fits_and_passes_axe(page)
    page.locator("#past a").first.click()
    page.wait_for_url(base + f"/wspolpraca/{world.team.code}/spotkania/{world.past.pk}/")
    assert page.locator("#minutes").inner_text().strip() == "Omówiono wyniki."
    assert page.locator("#decisions").get_by_text("Przygotować analizę osiedli.").is_visible()
    assert_fits_and_passes_axe(page)
    page.goto(base + "/wspolpraca/partnerstwo/")
    assert_fits_and_passes_axe(page)
    assert page.problems == [], page.problems


def test_the_coordinator_keeps_the_meeting_and_the_panel_passes_axe(live_server, browser_page):
    cast = build_personas()
    world = cooperation_world(cast)
    page, base = browser_page, live_server.url
    page.set_viewport_size(PHONE)
    page.goto(base + "/konto/logowanie/")
    page.get_by_label("Adres e-mail").fill("coordinator@example.org")
    page.get_by_label("Hasło").fill(PASSWORD)
    page.get_by_role("button", name="Zaloguj się").click()
    page.wait_for_url(base + "/")
    page.goto(base + f"/wspolpraca/{world.team.code}/spotkania/{world.past.pk}/")
    page.get_by_role("link", name="Edytuj spotkanie, protokół i obecność").click()
    page.wait_for_url(base + f"/wspolpraca/{world.team.code}/spotkania/{world.past.pk}/edycja/")
    assert_fits_and_passes_axe(page)
    page.get_by_label("protokół").fill("Nowy protokół.")
    page.get_by_label("Jan Kowalski").select_option("present")
    page.get_by_role("button", name="Zapisz", exact=True).click()
    page.wait_for_selector("text=Spotkanie zapisano.")
    assert page.locator("#minutes").inner_text().strip() == "Nowy protokół."
    page.get_by_label("Decyzja").fill("Zaprosić szkoły.")
    page.get_by_label("Zadanie wynikające z decyzji (nieobowiązkowe)").fill("Pismo do szkół")
    page.get_by_role("button", name="Zapisz decyzję").click()
    page.wait_for_selector("text=Decyzję zapisano.")
    assert_fits_and_passes_axe(page)
    assert page.problems == [], page.problems
    # The panel's own widgets apply inline styles, which the site's CSP blocks harmlessly
    # (as on every admin page); axe is what is checked there.
    for path in ("/admin/cooperation/team/add/", f"/admin/cooperation/team/{world.team.pk}/change/",
                 "/admin/cooperation/agreement/add/", "/admin/cooperation/meeting/add/",
                 "/admin/cooperation/task/"):
        page.goto(base + path)
        assert axe_violations(page, options=WCAG) == [], path
