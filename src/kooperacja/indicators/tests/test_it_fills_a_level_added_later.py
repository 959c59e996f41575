"""A level made after the data came in gets numerators, partners' counts and population at
once: grid cells get residents spread from the estates over their address points, said to
be an estimate in every output, or read from Statistics Poland's population grid."""

from __future__ import annotations

import csv
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kooperacja.addresses.services.register import import_addresses
from kooperacja.records.tests.grid_town import (
    EAST_CELL,
    NORTH_CELLS,
    WEST_CELL,
    build_grid_town,
    import_boundaries,
    import_districts,
    import_estate_population,
    write_register,
)
from kooperacja.territory.models import Population, Unit
from kooperacja.testing import build_personas

pytestmark = pytest.mark.django_db

POLICE = """
[[indicator]]
id = "police-interventions"
name_pl = "Interwencje domowe policji na 1000 mieszkańców"
name_en = "Police domestic interventions per 1,000 residents"
per = 1000
public = false
numerator = { code_list = "police", codes = ["domestic"] }
denominator = { population = true }
"""


def units(client, level: str) -> dict[str, dict]:
    body = json.loads(client.get("/api/v1/units", {"level": level}).content)
    return {f["properties"]["code"]: f["properties"] for f in body["features"]}


def indicator_csv(tmp_path, indicator: str, level: str) -> tuple[dict[str, dict], dict]:
    out = tmp_path / f"{indicator}-{level}.csv"
    call_command("indicators", "--indicator", indicator, "--level", level, "--period", "2025",
                 "--audience", "analyst", "--out", str(out))
    with out.open(encoding="utf-8") as f:
        rows = {row["unit_code"]: row for row in csv.DictReader(f)}
    return rows, json.loads((tmp_path / f"{indicator}-{level}.csv.meta.json").read_text("utf-8"))


def test_it_spreads_the_estates_residents_over_the_cells_by_address_points(tmp_path, client):
    build_grid_town(tmp_path)
    call_command("make_grid", "--territory", "C", "--size", "1000")
    cells = units(client, "grid1km")
    # W: E1's 900 (all three of its points) and a third of E2's 600 (Długa 4 of 4–6).
    assert cells[WEST_CELL]["population"] == 1100
    assert cells[EAST_CELL]["population"] == 400 + 2000
    assert [cells[c]["population"] for c in NORTH_CELLS] == [0, 0]
    assert all(c["population_estimated"] and c["population_method"] == "dasymetric"
               for c in cells.values())
    # The city is its districts' sum still, not its districts' and its cells' too.
    assert units(client, "city")["C"]["population"] == 3500
    assert units(client, "city")["C"]["population_estimated"] is False
    assert units(client, "estate")["E2"]["population_estimated"] is False


def test_it_follows_population_imported_after_the_grid(tmp_path, client):
    build_grid_town(tmp_path)
    call_command("make_grid", "--territory", "C", "--size", "1000")
    figures = tmp_path / "population-2025.csv"
    figures.write_text("kod;rok;liczba\nE1;2025;1200\nE2;2025;300\nE3;2025;2000\n",
                       encoding="utf-8")
    call_command("import_population", str(figures))
    cells = units(client, "grid1km")
    assert (cells[WEST_CELL]["population"], cells[WEST_CELL]["population_year"]) == (1300, 2025)
    assert cells[EAST_CELL]["population"] == 2200


def test_it_estimates_the_cells_once_the_address_register_comes_in(tmp_path, client):
    import_boundaries(tmp_path)
    import_estate_population(tmp_path)
    call_command("make_grid", "--territory", "C", "--size", "1000")
    # Without address points nothing is known of where the residents live.
    assert {c["population"] for c in units(client, "grid1km").values()} == {None}
    assert units(client, "city")["C"]["population"] == 3500
    import_addresses(write_register(tmp_path / "prg.csv"))
    cells = units(client, "grid1km")
    assert (cells[WEST_CELL]["population"], cells[EAST_CELL]["population"]) == (1100, 2400)


def test_it_computes_grid_rates_and_says_their_population_is_an_estimate(tmp_path, client):
    build_grid_town(tmp_path)
    call_command("make_grid", "--territory", "C", "--size", "1000")
    rows, meta = indicator_csv(tmp_path, "poverty", "grid1km")
    assert float(rows[WEST_CELL]["value"]) == pytest.approx(5 / 1100 * 1000)
    assert float(rows[EAST_CELL]["value"]) == pytest.approx(7 / 2400 * 1000)
    (note,) = meta["inputs"]["population_methods"]
    assert (note["level"], note["method"], note["estimate"], note["year"]) == (
        "grid1km", "dasymetric", True, 2024)
    assert note["description"].startswith("szacunek")  # the interface speaks Polish
    client.force_login(build_personas(Unit.objects.get(code="C")).analyst_x)  # C's analyst
    values = json.loads(client.get("/api/v1/indicators/poverty/values", {
        "level": "grid1km", "period": "2025", "audience": "analyst"}).content)
    assert values["population_estimate"] == "dasymetric"
    estates = json.loads(client.get("/api/v1/indicators/poverty/values", {
        "level": "estate", "period": "2025", "audience": "analyst"}).content)
    assert estates["population_estimate"] is None
    # The map's legend and unit card carry the sentence that says so.
    assert "populationEstimate" in client.get("/").content.decode()


def test_it_moves_partner_counts_to_a_new_generation_of_districts(tmp_path):
    build_grid_town(tmp_path)
    table = tmp_path / "police.csv"
    table.write_text("osiedle;interwencje\nE1;3\nE2;4\nE3;5\n", encoding="utf-8")
    call_command("import_aggregates", str(table), "--unit-field", "osiedle", "--period", "2025",
                 "--code-list", "police", "--value-field", "interwencje:domestic")
    (tmp_path / "police.toml").write_text(POLICE, encoding="utf-8")
    call_command("load_indicators", str(tmp_path / "police.toml"))
    rows, _ = indicator_csv(tmp_path, "police-interventions", "district")
    assert (rows["D1"]["numerator"], rows["D2"]["numerator"]) == ("3", "9")
    import_districts(tmp_path, 2)
    rows, meta = indicator_csv(tmp_path, "police-interventions", "district")
    assert (rows["D1"]["numerator"], rows["D2"]["numerator"]) == ("7", "5")
    assert float(rows["D1"]["value"]) == pytest.approx(7 / 1500 * 1000)
    assert meta["inputs"]["population_methods"] == []


def test_it_reads_the_statistics_poland_kilometre_grid(tmp_path, client):
    build_grid_town(tmp_path)
    call_command("make_grid", "--territory", "C", "--size", "1000")
    grid = tmp_path / "nsp2021-grid.csv"
    grid.write_text("CODE;TOT\n1kmN3260E5020;1500\n1kmN3260E5021;2700\n"
                    "1kmN3261E5020;0\n1kmN3261E5021;3\n", encoding="utf-8")
    call_command("import_population", str(grid), "--year", "2021")
    west = Population.objects.get(unit__code=WEST_CELL, year=2021, sex="", age_band="")
    assert (west.count, west.method, west.estimated) == (1500, "grid", False)
    # The 2024 estimates, from the estates, stay the latest figures of the cells; the
    # estates' own 2024 figures stand, and still add up to the districts and the city.
    assert units(client, "grid1km")[WEST_CELL]["population"] == 1100
    estates = units(client, "estate")
    assert (estates["E1"]["population"], estates["E1"]["population_estimated"]) == (900, False)
    assert units(client, "district")["D2"]["population"] == 2600
    assert units(client, "city")["C"]["population"] == 3500


def test_it_names_the_row_of_a_grid_cell_outside_the_town(tmp_path):
    build_grid_town(tmp_path)
    call_command("make_grid", "--territory", "C", "--size", "1000")
    grid = tmp_path / "nsp2021-grid.csv"
    grid.write_text("CODE;TOT\n1kmN3260E5020;1500\n1kmN3300E5020;80\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"nsp2021-grid.csv.*3.*CODE.*1kmN3300E5020"):
        call_command("import_population", str(grid), "--year", "2021")
    assert not Population.objects.filter(year=2021).exists()
