"""The "high need, low access" layer on the demo city marks the district its generator
left without help (manifest ``underserved``), and the access command takes an indicator's
cases as demand."""

from __future__ import annotations

import csv
import json

import pytest
from django.core.management import call_command

from kooperacja.indicators.models import Indicator

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

POVERTY = "poverty"  # indicators/builtin.toml: MOPS help because of poverty per 1,000


@pytest.fixture
def demo(tmp_path) -> dict[str, object]:
    directory = tmp_path / "files"
    call_command("demo", "--build-only", "--dir", str(directory))
    return json.loads((directory / "manifest.json").read_text(encoding="utf-8"))


def gaps(client, **params: str) -> dict[str, object]:
    response = client.get("/api/v1/resources/gaps", params)
    assert response.status_code == 200, response.content
    return response.json()


def test_it_marks_the_under_served_district_and_few_others(demo, client):
    layer = gaps(client, indicator=POVERTY, level="district", period="2025")
    underserved = set(demo["underserved"]["districts"])
    assert underserved <= set(layer["flagged"])
    assert len(set(layer["flagged"]) - underserved) <= 1
    assert layer["resources"] == demo["resources"]["count"]
    d08 = next(u for u in layer["units"] if u["unit_code"] in underserved)
    assert d08["z_need"] > 0 > d08["z_access"] and d08["gap"] >= layer["threshold"]


def test_it_shows_only_what_the_public_indicator_map_shows(demo, client):
    layer = gaps(client, indicator=POVERTY, level="estate", period="2025")
    hidden = [u for u in layer["units"] if u["hidden"]]
    assert hidden, "the demo's small estates should have hidden rates"
    for unit in hidden:
        assert (unit["need"], unit["gap"], unit["high_need_low_access"]) == (None, None, False)
        assert unit["label"]
    values = client.get(f"/api/v1/indicators/{POVERTY}/values",
                        {"level": "estate", "period": "2025"}).json()["values"]
    assert {u["unit_code"] for u in hidden} == {v["unit_code"] for v in values if v["hidden"]}

    Indicator.objects.filter(code=POVERTY).update(public=False)
    response = client.get("/api/v1/resources/gaps",
                          {"indicator": POVERTY, "level": "district", "period": "2025"})
    assert response.status_code == 404


def test_it_takes_the_demand_from_an_indicators_cases(demo, tmp_path):
    out = tmp_path / "a.csv"
    summary = call_command("access", resource_type="social_assistance", demand_indicator=POVERTY,
                           level="district", period="2025", out=str(out))
    assert "high need, low access: 1)" in summary
    with (tmp_path / "a_units.csv").open(encoding="utf-8") as fh:
        units = {row["unit_code"]: row for row in csv.DictReader(fh)}
    [underserved] = demo["underserved"]["districts"]
    assert units[underserved]["high_need_low_access"] == "True"
    assert max(units, key=lambda code: float(units[code]["need"])) == underserved
    with out.open(encoding="utf-8") as fh:
        demand = sum(float(row["demand"]) for row in csv.DictReader(fh))
    poverty = demo["mops"]["persons_by_reason"]["1"]
    assert demand == pytest.approx(poverty, rel=0.02)  # less the addresses left for review


@pytest.mark.browser
def test_it_draws_the_flagged_districts_hatched_on_the_public_map(demo, live_server, browser_page):
    page = browser_page
    page.goto(live_server.url + "/")
    page.wait_for_selector("#map[data-features]")
    page.locator("#indicator").select_option(POVERTY)
    page.wait_for_selector(f'#map[data-indicator="{POVERTY}"]')
    page.locator('input[name="level"][value="district"]').check()
    page.wait_for_selector('#map[data-level="district"]')
    page.locator("#gaps").check()
    page.wait_for_selector("#map[data-gaps]")
    [underserved] = demo["underserved"]["districts"]
    name = next(d["name"] for d in demo["districts"] if d["code"] == underserved)
    gaps = int(page.locator("#map").get_attribute("data-gaps"))
    assert page.locator("#map path.gap").count() == gaps >= 1
    assert name in page.locator("#gap-legend").inner_text()
    page.locator("#gap-kind").select_option("school")
    page.wait_for_selector("#map[data-gaps]")
    page.locator("#gaps").uncheck()
    page.wait_for_function("!document.querySelector('#map').dataset.gaps")
    assert page.locator("#map path.gap").count() == 0
    assert page.problems == []
