"""The public map across territories (issue 20): ``?t=`` narrows the map, the unit pages
and the API to one territory; the regional view ranks a region's gminas by a public
indicator from the published values only, compares them with the region's and the
installation's averages and finds similar gminas."""

from __future__ import annotations

import io
import json
import re

import openpyxl
import pytest

from kooperacja.web.tests.region_world import GMINAS, HIDDEN, build_region

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return build_region()


def published(client, level="gmina", **extra):
    response = client.get("/api/v1/indicators/poverty/values",
                          {"level": level, "period": "2025", **extra})
    assert response.status_code == 200
    return {r["unit_code"]: r for r in json.loads(response.content)["values"]}


def region(client, **query):
    response = client.get("/api/v1/region", {"indicator": "poverty", **query})
    assert response.status_code == 200, response.content
    return json.loads(response.content)


def shown(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def test_the_ranking_holds_the_published_values_only_highest_first(client, world):
    values = published(client, t="2499")
    assert set(values) == {c for c in GMINAS if c.startswith("2499")}
    assert values[HIDDEN]["hidden"]
    answer = region(client, t="2499", level="gmina")
    assert answer["territory"]["name"] == "Północny"
    ranked = [u for u in answer["units"] if u["rank"] is not None]
    hidden = [u for u in answer["units"] if u["rank"] is None]
    # Every published value ranked, highest first; every hidden one after them, unranked.
    expected = sorted((v for v in values.values() if v["value"] is not None),
                      key=lambda v: -v["value"])
    assert [u["unit_code"] for u in ranked] == [v["unit_code"] for v in expected]
    assert [u["rank"] for u in ranked] == list(range(1, len(ranked) + 1))
    assert HIDDEN in {u["unit_code"] for u in hidden}
    assert all(u["value"] is None and u["class_number"] is None for u in hidden)
    assert answer["hidden"] == len(hidden) == sum(v["hidden"] for v in values.values())
    assert answer["units"][-len(hidden):] == hidden
    # The types from TERYT's RODZ digit.
    assert {u["unit_code"]: u["type"] for u in answer["units"]}["2499033"] == "urban-rural"


def test_the_averages_are_taken_from_published_values_only(client, world):
    answer = region(client, t="2499", level="gmina")
    values = [v for v in published(client, t="2499").values() if v["value"] is not None]
    expected = (sum(v["value"] * v["denominator"] for v in values)
                / sum(v["denominator"] for v in values))
    average = answer["region_average"]
    assert average["value"] == pytest.approx(expected, abs=1e-3)
    assert (average["units"], average["of"], average["scope"]) == (len(values), 4, "region")
    # With the hidden gmina's true count (3 of 15 000) the average would be lower.
    helped = sum(GMINAS[v["unit_code"]][3] for v in values) + GMINAS[HIDDEN][3]
    people = sum(GMINAS[v["unit_code"]][2] for v in values) + GMINAS[HIDDEN][2]
    assert average["value"] != pytest.approx(helped / people * 1000, abs=1e-3)
    every = [v for v in published(client).values() if v["value"] is not None]
    country = answer["country_average"]
    assert country["scope"] == "installation" and country["of"] == len(GMINAS)
    assert country["value"] == pytest.approx(
        sum(v["value"] * v["denominator"] for v in every)
        / sum(v["denominator"] for v in every), abs=1e-3)
    # The powiat's own published rate as a whole, from its level's values.
    powiat = published(client, level="powiat")["2499"]
    assert answer["region_figure"]["value"] == pytest.approx(powiat["value"])


def test_similar_gminas_are_of_the_same_type_and_closest_population(client, world):
    answer = region(client, unit="2499022")  # Beta: rural, 8 000 residents
    assert answer["level"] == "powiat"  # the coarsest level with more than one unit
    assert [g["code"] for g in answer["similar"]] == ["2498022", "2498032", "2499042"]
    assert {g["type"] for g in answer["similar"]} == {"rural"}
    zeta = published(client)["2498022"]
    assert answer["similar"][0]["value"] == pytest.approx(zeta["value"])
    html = client.get("/obszar/gmina/2499022/").content.decode()
    table = re.search(r'<table id="similar">(.*?)</table>', html, re.S).group(1)
    assert re.findall(r'data-unit="(\d+)"', table) == ["2498022", "2498032", "2499042"]
    assert shown(zeta["value"]) in table
    # A hidden value stays hidden there too: Delta's is suppressed as secondary.
    delta = published(client)["2499042"]
    if delta["hidden"]:
        row = re.search(r'data-unit="2499042">(.*?)</tr>', table, re.S).group(1)
        assert delta["label"] in row and "hidden-value" in row
    # A powiat has no similar gminas.
    assert 'id="similar"' not in client.get("/obszar/powiat/2499/").content.decode()


def test_the_region_page_never_shows_a_hidden_value(client, world):
    response = client.get("/region/", {"t": "2499", "level": "gmina", "unit": "2499022"})
    assert response.status_code == 200
    html = response.content.decode()
    values = published(client, t="2499")
    ranking = re.search(r'<table id="ranking">(.*?)</table>', html, re.S).group(1)
    assert re.findall(r'data-unit="(\d+)"', ranking)[-1] in {c for c, v in values.items()
                                                             if v["hidden"]}
    row = re.search(rf'data-unit="{HIDDEN}">(.*?)</tr>', ranking, re.S).group(1)
    assert row.startswith("<td>–</td>") and values[HIDDEN]["label"] in row
    assert shown(3 / 15000 * 1000) not in html  # the true rate of the hidden gmina
    # Drawn white with a dashed edge, its title naming the label, not a value.
    path = re.search(rf'<path data-unit="{HIDDEN}" [^>]*>(.*?)</path>', html, re.S)
    assert 'fill="#ffffff"' in path.group(0)
    assert values[HIDDEN]["label"] in path.group(1)
    assert "published values only" in html or "opublikowanych" in html
    # Gminas of the other powiat are not in this region's ranking.
    assert "2498011" not in ranking
    assert 'id="averages"' in html and 'id="similar"' in html


def test_the_ranking_downloads_as_csv_and_xlsx(client, world):
    query = {"t": "2499", "level": "gmina", "indicator": "poverty"}
    csv = client.get("/region/pobierz/", {**query, "format": "csv", "excel": "1"})
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    text = csv.content.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("rank;unit_code;unit_name")
    assert len(lines) == 1 + 4
    hidden_line = next(line for line in lines if HIDDEN in line)
    assert hidden_line.startswith(";")  # no rank
    xlsx = client.get("/region/pobierz/", {**query, "format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("rank", "unit_code", "unit_name")
    assert rows[1][0] == 1
    assert client.get("/region/pobierz/", {**query, "format": "pdf"}).status_code == 404


def test_t_narrows_the_map_the_units_and_the_unit_pages(client, world):
    units = json.loads(client.get("/api/v1/units", {"level": "gmina", "t": "2498"}).content)
    assert {f["properties"]["code"] for f in units["features"]} == {"2498011", "2498022",
                                                                    "2498032"}
    every = json.loads(client.get("/api/v1/units", {"level": "gmina"}).content)
    assert len(every["features"]) == len(GMINAS)
    assert client.get("/api/v1/units", {"level": "gmina", "t": "99"}).status_code == 404
    assert client.get("/api/v1/indicators/poverty/values",
                      {"level": "gmina", "period": "2025", "t": "77"}).status_code == 404
    html = client.get("/", {"t": "2498"}).content.decode()
    config = json.loads(re.search(r'<script id="map-config" type="application/json">(.*?)'
                                  r'</script>', html, re.S).group(1))
    assert config["territory"] == "2498"
    assert {lv["code"]: lv["units"] for lv in config["levels"]} == {"powiat": 1, "gmina": 3}
    # The selector: every territory by TERYT, with its level, the chosen one selected.
    select = re.search(r'<select id="territory" name="t">(.*?)</select>', html, re.S).group(1)
    assert re.findall(r'value="(\d*)"', select)[:4] == ["", "24", "2498", "2498011"]
    assert '<option value="2498" selected>Południowy (powiat, 2498)</option>' in select
    assert client.get("/", {"t": "999"}).status_code == 404
    # Unit pages: a unit of the territory, its links keep t; another territory's: 404.
    page = client.get("/obszar/gmina/2498022/", {"t": "2498"}).content.decode()
    assert 'id="permalink">/obszar/gmina/2498022/?t=2498<' in page
    assert '<a href="/?level=gmina&amp;unit=2498022&amp;t=2498">' in page  # to the map
    assert client.get("/obszar/gmina/2499022/", {"t": "2498"}).status_code == 404
    # The map's download keeps to the territory too.
    download = client.get("/mapa/pobierz/", {"indicator": "poverty", "level": "gmina",
                                             "period": "2025", "t": "2498", "format": "csv"})
    assert {line.split(",")[0] for line in download.content.decode("utf-8-sig")
            .strip().splitlines()[1:]} == {"2498011", "2498022", "2498032"}


def test_the_navigation_offers_the_regional_view_with_several_territories(client, world):
    html = client.get("/obszar/gmina/2499022/").content.decode()
    assert 'href="/region/"' in html


def test_the_navigation_has_no_regional_view_for_one_territory(client):
    from kooperacja.indicators.tests.world import build_city
    build_city()
    html = client.get("/").content.decode()
    assert 'href="/region/"' not in html


def test_unknown_choices_are_not_found(client, world):
    assert client.get("/region/", {"t": "1234"}).status_code == 404
    assert client.get("/region/", {"indicator": "nope"}).status_code == 404
    assert client.get("/api/v1/region", {"indicator": "poverty", "period": "1999"}
                      ).status_code == 404
    assert client.get("/api/v1/region", {"indicator": "poverty", "level": "x"}
                      ).status_code == 404


def test_the_regional_answer_is_stored_and_answers_304(client, world):
    first = client.get("/api/v1/region", {"indicator": "poverty", "t": "2499"})
    assert first.status_code == 200 and first["ETag"]
    again = client.get("/api/v1/region", {"indicator": "poverty", "t": "2499"},
                       HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
