"""The public map in a real browser."""

from __future__ import annotations

import json

import pytest
import shapely
from django.core.management import call_command

from kooperacja.records.tests.grid_town import build_grid_town
from kooperacja.territory.services.boundaries import import_units
from kooperacja.territory.services.population import import_population
from kooperacja.testing import axe_violations

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def city(tmp_path, layer_writer):
    districts = [shapely.box(19.90 + 0.02 * i, 50.0, 19.92 + 0.02 * i, 50.02) for i in range(3)]
    import_units(layer_writer(tmp_path / "d.gpkg", districts, {"kod": ["D1", "D2", "D3"],
                 "nazwa": ["Śródmieście", "Zabłocie", "Łęgi"]}, "EPSG:4326"), "district", "kod",
                 "nazwa", level_name="Dzielnice")
    estates = [shapely.box(19.90 + 0.01 * i, 50.0, 19.91 + 0.01 * i, 50.01) for i in range(6)]
    import_units(layer_writer(tmp_path / "e.gpkg", estates, {"kod": [f"E{i}" for i in range(6)],
                 "nazwa": [f"Osiedle {i}" for i in range(6)]}, "EPSG:4326"), "estate", "kod",
                 "nazwa", parent_level="district", level_name="Osiedla")
    rows = "".join(f"D{i};2025;{1000 * i}\n" for i in (1, 2, 3))
    (tmp_path / "p.csv").write_text("unit_code;year;count\n" + rows, encoding="utf-8")
    import_population(tmp_path / "p.csv")


def test_it_shows_every_unit_as_a_shaded_polygon_without_errors(
    live_server, browser_page, city, client
):
    page = browser_page
    page.goto(live_server.url + "/")
    page.wait_for_selector("#map[data-features]")
    api = json.loads(client.get("/api/v1/units", {"level": "district"}).content)
    polygons = page.locator("#map path.leaflet-interactive")
    assert polygons.count() == len(api["features"]) == 3
    fills = {polygons.nth(i).get_attribute("fill") for i in range(3)}
    assert len(fills) == 3  # three densities, three shades
    assert "Śródmieście" in page.locator("#table-body").text_content()
    assert page.locator("#legend li").count() == 3

    page.get_by_label("Osiedla").check()
    page.wait_for_selector('#map[data-level="estate"]')
    assert page.locator("#map path.leaflet-interactive").count() == 6

    page.locator("#map path.leaflet-interactive").first.hover()
    assert "Osiedle" in page.locator(".leaflet-tooltip").inner_text()
    assert page.problems == []


def test_it_speaks_polish_by_default_and_english_on_request(live_server, browser_page, city):
    page = browser_page
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "pl"
    assert "Gęstość zaludnienia" in page.locator("h1").inner_text()
    page.get_by_role("button", name="EN").click()
    page.wait_for_selector("html[lang=en]")
    assert "Population density" in page.locator("h1").inner_text()
    assert page.problems == []


def test_it_explains_what_to_do_when_there_is_no_territory(live_server, browser_page):
    page = browser_page
    page.goto(live_server.url + "/")
    assert "kooperacja demo" in page.locator("main").inner_text()
    assert page.problems == []


def test_it_says_the_population_of_grid_cells_is_an_estimate(live_server, browser_page, tmp_path):
    build_grid_town(tmp_path)
    call_command("make_grid", "--territory", "C", "--size", "1000")
    page = browser_page
    page.goto(live_server.url + "/")
    page.wait_for_selector("#map[data-features]")
    assert "szacunek" not in page.locator("#legend").inner_text()
    page.get_by_label("1 km").check()
    page.wait_for_selector('#map[data-level="grid1km"]')
    assert "Liczba ludności na tym poziomie to szacunek" in page.locator("#legend").inner_text()
    page.locator("#map path.leaflet-interactive").first.hover()
    assert "(szacunek)" in page.locator(".leaflet-tooltip").inner_text()
    assert page.problems == []


def test_it_asks_for_the_units_at_its_zoom_and_for_its_view_on_a_large_level(
    live_server, browser_page, city, monkeypatch
):
    """The map opens on the territory, asks for boundaries simplified for its zoom band,
    and, on a level of many units, for the visible box; zooming out asks again."""
    from kooperacja.territory import answers
    from kooperacja.web import views

    monkeypatch.setattr(views, "TILED_FROM", 2)  # three districts count as many here
    answers.forget()
    page = browser_page
    asked: list[str] = []
    page.on("request", lambda r: "/api/v1/units" in r.url and asked.append(r.url))
    page.goto(live_server.url + "/")
    page.wait_for_selector("#map[data-features]")
    assert asked and all("zoom=" in url for url in asked)
    zoom = int(asked[0].split("zoom=")[1].split("&")[0])
    assert zoom >= 12  # opened on the city, not on the country
    assert "bbox=" in asked[-1]
    assert page.locator("#map").get_attribute("data-tolerance") in ("0", "10")
    assert page.locator("#map path.leaflet-interactive").count() == 3
    for _ in range(5):
        page.locator(".leaflet-control-zoom-out").click()
        page.wait_for_timeout(300)
    page.wait_for_selector('#map[data-tolerance="200"], #map[data-tolerance="1000"]')
    assert any("zoom=8" in url or "zoom=0" in url for url in asked)
    assert page.locator("#map path.leaflet-interactive").count() == 3
    assert "Śródmieście" in page.locator("#table-body").text_content()
    assert axe_violations(page, impacts=("serious", "critical")) == []
    assert page.problems == []
