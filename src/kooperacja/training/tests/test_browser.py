"""In a real browser, on a phone's screen: a person applies on the public form, a staff
member verifies the criteria and qualifies them, and a resignation moves them up from the
reserve list; every page passes axe-core's checks."""

from __future__ import annotations

import pytest
from django.core import mail

from kooperacja.testing import PASSWORD, assert_fits_and_passes_axe, axe_violations, build_personas
from kooperacja.training.models import Applicant
from kooperacja.training.services import recruitment
from kooperacja.training.tests.conftest import application, make_offer

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PHONE = {"width": 390, "height": 844}


def test_apply_verify_qualify_and_a_resignation_promotes_the_reserve(live_server, browser_page):
    cast = build_personas()
    offer = make_offer(cast.a, capacity=1, lon=19.0, lat=50.0)
    make_offer(cast.b, title="Wózki widłowe w PUP")  # the same course: a duplicate warning
    first = recruitment.apply(offer, application("Basia Pierwsza"))
    recruitment.qualify(first, cast.partner_a, qualified=True, score=90)
    recruitment.select(offer, cast.partner_a)
    page, base = browser_page, live_server.url
    page.set_viewport_size(PHONE)

    page.goto(base + "/oferta/")
    page.wait_for_selector("#offers-map[data-features='1']")
    assert page.locator("#dup-title").count() == 0  # not shown to the public
    assert_fits_and_passes_axe(page, PHONE["width"])
    page.get_by_role("link", name="Forklift operator").first.click()
    page.get_by_role("link", name="Zgłoś się").click()
    assert_fits_and_passes_axe(page, PHONE["width"])
    page.get_by_label("Imię i nazwisko").fill("Ala Druga")
    page.get_by_label("E-mail").fill("ala@example.org")
    page.get_by_label("kobieta").check()
    page.get_by_label("Rok urodzenia").fill("1990")
    page.get_by_label("registered as unemployed").check()
    page.get_by_label("Wyrażam zgodę").check()
    page.get_by_role("button", name="Wyślij zgłoszenie").click()
    page.wait_for_selector("text=Przyjęliśmy Twoje zgłoszenie")
    assert_fits_and_passes_axe(page, PHONE["width"])
    ala = Applicant.objects.exclude(pk=first.pk).get()
    assert ala.status == Applicant.Status.APPLIED and "Ala" not in ala.sealed

    page.goto(base + "/konto/logowanie/?next=/oferta/")
    page.get_by_label("Adres e-mail").fill("partner_a@example.org")
    page.get_by_label("Hasło").fill(PASSWORD)
    page.get_by_role("button", name="Zaloguj się").click()
    page.wait_for_selector("#dup-title")  # staff see the duplicates on the list
    assert_fits_and_passes_axe(page, PHONE["width"])
    page.goto(f"{base}/oferta/{offer.pk}/rekrutacja/")
    assert_fits_and_passes_axe(page, PHONE["width"])
    page.get_by_role("link", name="Ala Druga").click()
    page.locator("#met-unemployed").select_option("yes")
    page.locator("#note-unemployed").fill("zaświadczenie z PUP")
    page.get_by_role("button", name="Zapisz weryfikację").click()
    page.get_by_label("Punkty").fill("70")
    page.get_by_label("Decyzja").select_option("yes")
    page.get_by_role("button", name="Zapisz decyzję").click()
    assert_fits_and_passes_axe(page, PHONE["width"])
    page.get_by_role("link", name="Rekrutacja: Forklift operator").click()
    page.get_by_role("button", name="Wybierz według punktów do liczby miejsc").click()
    page.wait_for_selector("text=na liście rezerwowej: 1")
    ala.refresh_from_db()
    assert ala.status == Applicant.Status.RESERVE and ala.score == 70

    page.get_by_role("link", name="Basia Pierwsza").click()
    page.get_by_role("button", name="Zrezygnował(a)").click()
    page.wait_for_selector("text=przesunięto z listy rezerwowej")
    assert_fits_and_passes_axe(page, PHONE["width"])
    ala.refresh_from_db()
    assert ala.status == Applicant.Status.SELECTED and ala.promoted_at is not None
    assert [m.to for m in mail.outbox] == [["ala@example.org"]]
    page.goto(f"{base}/oferta/{offer.pk}/wyniki/")
    assert_fits_and_passes_axe(page, PHONE["width"])
    assert page.problems == []


def test_the_offers_in_the_administration_panel_pass_axe(live_server, browser_page):
    cast = build_personas()
    offer = make_offer(cast.a, title="Kurs MOPS")
    make_offer(cast.b, title="Kurs PUP")
    page, base = browser_page, live_server.url
    page.goto(base + "/konto/logowanie/?next=/admin/")
    page.get_by_label("Adres e-mail").fill("admin_a@example.org")
    page.get_by_label("Hasło").fill(PASSWORD)
    page.get_by_role("button", name="Zaloguj się").click()
    page.wait_for_url(base + "/admin/")
    for path in ("/admin/training/offer/", "/admin/training/offer/add/",
                 f"/admin/training/offer/{offer.pk}/change/"):
        page.goto(base + path)
        assert axe_violations(page) == [], path
    page.goto(base + "/admin/training/offer/")
    assert "Możliwy duplikat" in page.content()
    page.goto(f"{base}/admin/training/offer/{offer.pk}/change/")
    assert "Kurs PUP" in page.content()
    # Django's inline rows carry style attributes the CSP blocks (as on other admin pages).
