"""The public directory: search, the nearest to an address, a page per resource, exports, API."""

from __future__ import annotations

import json

import pytest

from kooperacja.addresses.models import AddressPoint
from kooperacja.records.models import Code
from kooperacja.resources.tests.conftest import make_resource

pytestmark = pytest.mark.django_db


@pytest.fixture
def places(town):
    at = {p.source_id: p for p in AddressPoint.objects.all()}
    shelter = make_resource("Noclegownia św. Brata Alberta", address="Podgórna 2",
                            lon=at["p-podgorna-2"].lon, lat=at["p-podgorna-2"].lat,
                            units={"district": "W"})
    shelter.problems.set([Code.objects.get(code_list__code="mops_reason", code="3")])
    kitchen = make_resource("Jadłodajnia", "soup_kitchen", address="Lipowa 1",
                            lon=at["p-lipowa-1"].lon, lat=at["p-lipowa-1"].lat,
                            units={"district": "E"})
    hidden = make_resource("Ukryty punkt", lon=at["p-lipowa-1"].lon, lat=at["p-lipowa-1"].lat,
                           is_public=False)
    return shelter, kitchen, hidden


def names(response) -> list[str]:
    return [r["name"] for r in json.loads(response.content)]


def test_the_api_filters_by_text_kind_problem_and_area(client, places):
    api = "/api/v1/resources"
    assert names(client.get(api)) == ["Jadłodajnia", "Noclegownia św. Brata Alberta"]
    assert names(client.get(api, {"q": "alberta"})) == ["Noclegownia św. Brata Alberta"]
    assert names(client.get(api, {"kind": "soup_kitchen"})) == ["Jadłodajnia"]
    assert names(client.get(api, {"problem": "3"})) == ["Noclegownia św. Brata Alberta"]
    assert names(client.get(api, {"area": "district:E"})) == ["Jadłodajnia"]
    assert names(client.get(api, {"area": "district__x:E"})) == ["Jadłodajnia",
                                                                  "Noclegownia św. Brata Alberta"]


def test_it_finds_the_nearest_with_straight_and_walking_distance(client, places):
    answer = json.loads(client.get("/api/v1/resources/near",
                                   {"address": "Podgórna 4 Konotop"}).content)
    assert answer["status"] == "matched"
    found = [(r["resource"]["name"], r["straight_m"], r["walking_m"]) for r in answer["resources"]]
    # Podgórna 4 lies 100 m from both; the hidden entry at Lipowa 1 is never shown.
    assert sorted(found) == [("Jadłodajnia", pytest.approx(100, abs=0.5),
                              pytest.approx(130, abs=0.7)),
                             ("Noclegownia św. Brata Alberta", pytest.approx(100, abs=0.5),
                              pytest.approx(130, abs=0.7))]
    kind = json.loads(client.get("/api/v1/resources/near",
                                 {"address": "Podgórna 2 Konotop", "kind": "shelter"}).content)
    assert [r["resource"]["name"] for r in kind["resources"]] == ["Noclegownia św. Brata Alberta"]
    assert kind["resources"][0]["straight_m"] == 0


def test_the_near_page_answers_a_posted_address_and_explains_a_missing_one(client, places):
    page = client.post("/zasoby/w-poblizu/",
                       {"address": "Lipowa 1 Konotop", "kind": ""}).content.decode()
    assert page.index("Jadłodajnia") < page.index("Noclegownia")
    assert "200 m" in page and "260 m" in page
    missing = client.post("/zasoby/w-poblizu/",
                          {"address": "Nieznana 7", "kind": ""}).content.decode()
    assert 'role="alert"' in missing


def test_a_resource_has_its_page_unless_it_is_not_public(client, places):
    shelter, _, hidden = places
    page = client.get(f"/zasoby/{shelter.pk}/").content.decode()
    assert "Noclegownia" in page and "bezdomność" in page
    assert client.get(f"/zasoby/{hidden.pk}/").status_code == 404
    assert client.get(f"/api/v1/resources/{hidden.pk}").status_code == 404


def test_it_exports_the_search_as_csv_and_geojson(client, places):
    text = client.get("/zasoby/eksport.csv", {"kind": "shelter"}).content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("id,name,kind")
    assert "Noclegownia" in text and "Jadłodajnia" not in text and "Ukryty" not in text
    data = json.loads(client.get("/zasoby/eksport.geojson").content)
    assert {f["properties"]["name"] for f in data["features"]} == {
        "Noclegownia św. Brata Alberta", "Jadłodajnia"}
    assert data["features"][0]["geometry"]["type"] == "Point"


def test_the_directory_page_searches_and_is_polish_first(client, places):
    page = client.get("/zasoby/", {"q": "jadłodajnia"}).content.decode()
    assert '<html lang="pl">' in page
    assert "Jadłodajnia" in page and "Noclegownia" not in page
