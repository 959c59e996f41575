"""The units' GeoJSON is built once per change of the units or their population
(territory/answers.py), served with ETag, Last-Modified and gzip, and every change shows
on the next request."""

from __future__ import annotations

import gzip
import json

import pytest
import shapely

from kooperacja.territory.models import Unit
from kooperacja.territory.services.boundaries import import_units
from kooperacja.territory.services.population import import_population

pytestmark = pytest.mark.django_db
BOXES = [shapely.box(0, 0, 0.05, 0.05), shapely.box(0.05, 0.05, 0.1, 0.1)]


@pytest.fixture
def estates(tmp_path, layer_writer):
    def write(names: list[str], name: str = "e.gpkg") -> None:
        path = layer_writer(tmp_path / name, BOXES[:len(names)],
                            {"kod": [f"E{i + 1}" for i in range(len(names))], "nazwa": names},
                            "EPSG:4326")
        import_units(path, "estate", "kod", "nazwa")
    write(["Rynek"])
    return write


def units(client, **headers) -> dict[str, dict]:
    response = client.get("/api/v1/units", {"level": "estate"}, headers=headers)
    return {
        f["properties"]["code"]: f["properties"] for f in json.loads(response.content)["features"]
    }


def test_it_answers_304_when_the_units_did_not_change(client, estates):
    first = client.get("/api/v1/units", {"level": "estate"})
    assert first["ETag"] and first["Last-Modified"]
    again = client.get(
        "/api/v1/units", {"level": "estate"}, headers={"if-none-match": first["ETag"]}
    )
    assert again.status_code == 304 and again.content == b""


def test_it_compresses_the_units(client, estates):
    response = client.get("/api/v1/units", {"level": "estate"}, headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert (
        json.loads(gzip.decompress(response.content))["features"][0]["properties"]["name"]
        == "Rynek"
    )


def test_a_new_generation_shows(client, estates):
    etag = client.get("/api/v1/units", {"level": "estate"})["ETag"]
    estates(["Rynek", "Zamek"], "e2.gpkg")
    assert sorted(units(client)) == ["E1", "E2"]
    changed = client.get("/api/v1/units", {"level": "estate"}, headers={"if-none-match": etag})
    assert changed.status_code == 200


def test_new_population_shows(client, estates, tmp_path):
    assert units(client)["E1"]["population"] is None
    (tmp_path / "p.csv").write_text("unit_code;year;count\nE1;2025;1000\n", encoding="utf-8")
    import_population(tmp_path / "p.csv")
    assert units(client)["E1"]["population"] == 1000


def test_a_unit_renamed_in_the_admin_shows(client, estates):
    assert units(client)["E1"]["name"] == "Rynek"
    unit = Unit.objects.get(code="E1")
    unit.name = "Stary Rynek"
    unit.save()
    assert units(client)["E1"]["name"] == "Stary Rynek"
