"""The units API: GeoJSON for the map, and the OpenAPI description."""

from __future__ import annotations

import json

import pytest
import shapely

from kooperacja.territory.services.boundaries import import_units
from kooperacja.territory.services.population import import_population

pytestmark = pytest.mark.django_db


def test_it_returns_current_units_of_a_level_as_geojson(client, tmp_path, layer_writer):
    districts = layer_writer(tmp_path / "d.gpkg", [shapely.box(0, 0, 0.1, 0.1)],
                             {"kod": ["D1"], "nazwa": ["Stare Miasto"]}, "EPSG:4326")
    estates = layer_writer(tmp_path / "e.gpkg",
                           [shapely.box(0, 0, 0.05, 0.05), shapely.box(0.05, 0.05, 0.1, 0.1)],
                           {"kod": ["E1", "E2"], "nazwa": ["Rynek", "Zamek"]}, "EPSG:4326")
    import_units(districts, "district", "kod", "nazwa")
    import_units(estates, "estate", "kod", "nazwa", parent_level="district")
    (tmp_path / "p.csv").write_text("unit_code;year;count\nE1;2024;900\nE1;2025;1000\n",
                                    encoding="utf-8")
    import_population(tmp_path / "p.csv")

    response = client.get("/api/v1/units", {"level": "estate"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection"
    features = {f["properties"]["code"]: f for f in data["features"]}
    assert set(features) == {"E1", "E2"}
    e1 = features["E1"]["properties"]
    assert e1["name"] == "Rynek" and e1["level"] == "estate" and e1["parent_code"] == "D1"
    assert e1["population"] == 1000 and e1["population_year"] == 2025
    assert e1["density"] == pytest.approx(1000 / e1["area_km2"], rel=0.01)
    assert features["E2"]["properties"]["density"] is None
    assert shapely.geometry.shape(features["E1"]["geometry"]).equals(shapely.box(0, 0, 0.05, 0.05))


def test_it_describes_itself_in_openapi(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/units" in schema["paths"]
    parameters = schema["paths"]["/api/v1/units"]["get"]["parameters"]
    assert any(p["name"] == "level" and p["required"] for p in parameters)


def test_it_requires_a_level(client):
    assert client.get("/api/v1/units").status_code == 422


def test_it_sums_children_for_a_parent_without_its_own_figures(client, tmp_path, layer_writer):
    import_units(layer_writer(tmp_path / "d.gpkg", [shapely.box(0, 0, 0.1, 0.1)],
                              {"kod": ["D1"], "nazwa": ["Dzielnica"]},
                              "EPSG:4326"), "district", "kod", "nazwa")
    import_units(layer_writer(tmp_path / "e.gpkg",
                              [shapely.box(0, 0, 0.05, 0.1), shapely.box(0.05, 0, 0.1, 0.1)],
                              {"kod": ["E1", "E2"], "nazwa": ["A", "B"]}, "EPSG:4326"), "estate",
                              "kod", "nazwa",
                 parent_level="district")
    (tmp_path / "p.csv").write_text("unit_code;year;count\nE1;2025;100\nE2;2025;250\nE1;2026;7\n",
                                    encoding="utf-8")
    import_population(tmp_path / "p.csv")
    data = json.loads(client.get("/api/v1/units", {"level": "district"}).content)
    assert data["features"][0]["properties"]["population"] == 350
    assert data["features"][0]["properties"]["population_year"] == 2025
