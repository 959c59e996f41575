"""The installation's administrator replaces a level's boundaries through the wizard: sends
the file, reads what was detected, chooses the columns, sees the difference (2 units
changed, 1 retired), confirms the retirement, and the map's units API serves the new
generation. Every page passes axe-core's checks."""

from __future__ import annotations

import json

import pytest
import shapely
from django.test import override_settings

from kooperacja.imports.tests.test_the_wizard_shows_what_an_import_would_change import (
    BOXES,
    IMMEDIATE,
    districts,
)
from kooperacja.territory.services.boundaries import import_units
from kooperacja.testing import PASSWORD, PHONE, axe_violations, build_personas, page_width

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@override_settings(TASKS=IMMEDIATE)
def test_an_administrator_replaces_boundaries_through_the_wizard(
        live_server, browser_page, tmp_path, layer_writer):
    build_personas()
    import_units(districts(tmp_path / "before.gpkg", layer_writer,
                           ["Północ", "Południe", "Wschód", "Zachód"]), "district", "kod", "nazwa")
    moved = [BOXES[0], BOXES[1], shapely.box(0.04, 0, 0.065, 0.02)]
    new = districts(tmp_path / "dzielnice-2026.gpkg", layer_writer,
                    ["Północ", "Południe Nowe", "Wschód"], moved)
    page, base = browser_page, live_server.url

    page.goto(base + "/konto/logowanie/")
    page.get_by_label("Adres e-mail").fill("installation@example.org")
    page.get_by_label("Hasło").fill(PASSWORD)
    page.get_by_role("button", name="Zaloguj się").click()
    page.wait_for_load_state()
    page.goto(base + "/dane/import/")
    assert axe_violations(page) == []
    page.get_by_label("rodzaj danych").select_option("boundaries")
    page.locator("input[type=file]").set_input_files(str(new))
    page.get_by_role("button", name="Wyślij i sprawdź").click()

    page.wait_for_selector('[data-detected="format"]')
    assert page.locator('[data-detected="format"]').inner_text() == "GeoPackage"
    assert page.locator('[data-detected="crs"]').inner_text() == "EPSG:4326"
    assert "Południe Nowe" in page.locator("table.preview").inner_text()
    assert axe_violations(page) == []
    page.get_by_label("kod poziomu").fill("district")
    page.locator("select[name=code_field]").select_option("kod")
    page.get_by_label("pole z nazwą").select_option("nazwa")
    page.get_by_role("button", name="Sprawdź (próba)").click()

    page.wait_for_selector('[data-diff="changed"]')
    # On a phone the page fits its width (the preview scrolls in its own box).
    page.set_viewport_size(PHONE)
    assert page_width(page) <= PHONE["width"]
    assert page.locator('[data-diff="changed"]').inner_text() == "2"
    assert page.locator('[data-diff="retired"]').inner_text() == "1"
    assert page.locator('[data-diff="added"]').inner_text() == "0"
    assert axe_violations(page) == []
    page.get_by_label("Potwierdzam wycofanie 1 jednostki").check()
    page.get_by_role("button", name="Import", exact=True).click()

    page.wait_for_selector('[data-field="status"]:text("zaimportowano")')
    assert page.locator('[data-report="units"]').inner_text() == "3"
    assert axe_violations(page) == []
    assert page.problems == []

    served = json.loads(page.request.get(base + "/api/v1/units?level=district").text())
    names = {f["properties"]["code"]: f["properties"]["name"] for f in served["features"]}
    assert names == {"D1": "Północ", "D2": "Południe Nowe", "D3": "Wschód"}


@override_settings(TASKS=IMMEDIATE)
def test_an_analyst_imports_partner_aggregates_with_the_saved_mapping(
        live_server, browser_page, tmp_path):
    from kooperacja.imports.models import ColumnMapping
    from kooperacja.indicators.models import Aggregate
    from kooperacja.indicators.tests.world import build_city

    units = build_city()
    cast = build_personas(units["C"])
    ColumnMapping.objects.create(kind="aggregates", institution=cast.a, mapping={
        "unit_field": "rejon", "code_list": "police", "level": "",
        "values": [["interwencje", "domestic"]]})
    table = tmp_path / "policja-2025.csv"
    table.write_text("rejon;interwencje;inne\nE1;12;1\nE2;3;0\nE3;0;0\nE4;7;2\n",
                     encoding="cp1250")
    page, base = browser_page, live_server.url

    page.goto(base + "/konto/logowanie/")
    page.get_by_label("Adres e-mail").fill("analyst_x@example.org")
    page.get_by_label("Hasło").fill(PASSWORD)
    page.get_by_role("button", name="Zaloguj się").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Import danych").click()
    page.get_by_label("rodzaj danych").select_option("aggregates")
    page.get_by_label("instytucja").select_option(str(cast.a.pk))
    page.locator("input[type=file]").set_input_files(str(table))
    page.get_by_role("button", name="Wyślij i sprawdź").click()

    page.wait_for_selector('[data-detected="separator"]')
    assert page.locator('[data-detected="format"]').inner_text() == "CSV"
    assert page.locator('[data-detected="separator"]').inner_text() == ";"
    # The columns as chosen last time; only the period is new.
    assert page.locator("select[name=unit_field]").input_value() == "rejon"
    assert page.locator("input[name=value__1]").input_value() == "domestic"
    assert axe_violations(page) == []
    page.get_by_label("okres").fill("2025")
    page.get_by_role("button", name="Sprawdź (próba)").click()

    page.wait_for_selector('[data-summary="aggregates"]')
    assert "4 jednostki" in page.locator('[data-summary="aggregates"]').inner_text()
    assert not Aggregate.objects.exists()
    page.get_by_role("button", name="Import", exact=True).click()
    page.wait_for_selector('[data-field="status"]:text("zaimportowano")')
    assert axe_violations(page) == []
    assert page.problems == []
    assert Aggregate.objects.get(unit__code="C", code="domestic", period="2025").count == 22


@override_settings(TASKS=IMMEDIATE)
def test_a_register_reimport_that_would_retire_half_is_stopped_until_confirmed(
        live_server, browser_page, tmp_path):
    from django.contrib.auth.models import User
    from django.core.management import call_command

    from kooperacja.addresses.models import AddressPoint
    from kooperacja.addresses.tests.registers import point, write_register

    User.objects.create_superuser("root@example.org", "root@example.org", PASSWORD)
    rows = [point(f"p-{n}", "Długa", str(n), 10 * n) for n in range(1, 11)]
    call_command("import_addresses", str(write_register(tmp_path / "whole.csv", rows)))
    half = write_register(tmp_path / "polowa.csv", rows[:5])
    page, base = browser_page, live_server.url

    page.goto(base + "/konto/logowanie/")
    page.get_by_label("Adres e-mail").fill("root@example.org")
    page.get_by_label("Hasło").fill(PASSWORD)
    page.get_by_role("button", name="Zaloguj się").click()
    page.wait_for_load_state()
    page.goto(base + "/dane/import/")
    page.get_by_label("rodzaj danych").select_option("addresses")
    page.locator("input[type=file]").set_input_files(str(half))
    page.get_by_role("button", name="Wyślij i sprawdź").click()
    page.get_by_role("button", name="Sprawdź (próba)").click()

    page.wait_for_selector('[data-diff="retired"]')
    assert page.locator('[data-diff="retired"]').inner_text() == "5"
    assert page.locator('[data-diff="before"]').inner_text() == "10"
    assert axe_violations(page) == []
    page.get_by_role("button", name="Import", exact=True).click()
    page.wait_for_selector("text=Zaznacz potwierdzenie, aby je wycofać.")
    assert AddressPoint.objects.active().count() == 10
    page.get_by_label("Potwierdzam wycofanie 5 punktów adresowych").check()
    page.get_by_role("button", name="Import", exact=True).click()
    page.wait_for_selector('[data-field="status"]:text("zaimportowano")')
    assert page.locator('[data-report="retired"]').inner_text() == "5"
    assert AddressPoint.objects.active().count() == 5
    assert axe_violations(page) == []


@override_settings(TASKS=IMMEDIATE)
def test_an_administrator_imports_a_bdl_export_through_the_wizard(
        live_server, browser_page, tmp_path):
    """The mapping form of public statistics, its dry run and report, on a phone too."""
    from kooperacja.indicators.tests.region import build_region, unemployment

    region = build_region()
    build_personas(region["2401011"], region["2401033"])
    path = tmp_path / "RYNE_1944.csv"
    unemployment(path)
    page, base = browser_page, live_server.url

    page.goto(base + "/konto/logowanie/")
    page.get_by_label("Adres e-mail").fill("installation@example.org")
    page.get_by_label("Hasło").fill(PASSWORD)
    page.get_by_role("button", name="Zaloguj się").click()
    page.wait_for_load_state()
    page.goto(base + "/dane/import/")
    page.get_by_label("rodzaj danych").select_option("statistics")
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_role("button", name="Wyślij i sprawdź").click()

    page.wait_for_selector("select[name=source]")
    assert axe_violations(page) == []
    page.get_by_label("źródło").select_option("bdl")
    page.get_by_label("co zawiera plik BDL").select_option("unemployment")
    page.get_by_role("button", name="Sprawdź (próba)").click()

    page.wait_for_selector('[data-summary="statistics"]')
    page.set_viewport_size(PHONE)
    assert page_width(page) <= PHONE["width"]
    assert page.locator('[data-diff="units"]').inner_text() == "2"
    assert page.locator('[data-diff="not_held"]').inner_text() == "1"
    assert axe_violations(page) == []
    page.get_by_role("button", name="Import", exact=True).click()

    page.wait_for_selector('[data-field="status"]:text("zaimportowano")')
    assert page.locator('[data-report="units"]').inner_text() == "2"
    assert axe_violations(page) == []
    assert page.problems == []
