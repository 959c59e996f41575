"""The units' GeoJSON at the map's zoom: simplified per band with neighbours still meeting,
cut to the visible box, never over 2 MB for the country's 2,477 gminas, and answered 304
from the inputs' version without being built."""

from __future__ import annotations

import json

import numpy as np
import pytest
import shapely

from kooperacja.core.metric import POLAND, project
from kooperacja.democity.gminas import build_country, write_country
from kooperacja.territory import answers
from kooperacja.territory.services import mapshapes
from kooperacja.territory.services.boundaries import import_units
from kooperacja.territory.services.population import import_population

pytestmark = pytest.mark.django_db


@pytest.fixture
def gminas(tmp_path):
    # A region of 100 × 100 km around Kraków.
    country = build_country(gminas=120, powiats=12, voivodeships=2, spacing=200.0, seed=3,
                            extent=(520_000.0, 200_000.0, 620_000.0, 300_000.0))
    import_units(write_country(country, tmp_path)["gmina"], "gmina", "kod", "nazwa")
    return country


def _get(client, **query):
    response = client.get("/api/v1/units", {"level": "gmina", **query})
    assert response.status_code == 200, response.content
    return response, json.loads(response.content)


def _polygons(body) -> np.ndarray:
    return np.array([shapely.geometry.shape(f["geometry"]) for f in body["features"]],
                    dtype=object)


def test_each_zoom_band_simplifies_once_and_neighbours_still_meet(client, gminas):
    _, full = _get(client)
    _, country = _get(client, zoom=6)
    _, town = _get(client, zoom=12)
    assert full["tolerance_m"] == 0 and country["tolerance_m"] == 1000 and town["tolerance_m"] == 10
    vertices = [shapely.get_num_coordinates(_polygons(b)).sum() for b in (full, town, country)]
    assert vertices[0] > vertices[1] > vertices[2]
    assert [f["properties"] for f in country["features"]] == [f["properties"] for f in
                                                               full["features"]]
    simplified = project(_polygons(country), POLAND)
    assert shapely.coverage_is_valid(simplified)
    original = shapely.union_all(project(_polygons(full), POLAND))
    union = shapely.union_all(simplified)
    assert shapely.get_num_interior_rings(union) == 0  # no gap opened between neighbours
    assert abs(union.area - original.area) / original.area < 0.005


def test_other_processes_read_the_simplified_boundaries_kept_in_a_file(
    client, gminas, monkeypatch
):
    from kooperacja.web.services.warm import warm

    assert warm()["map_bands"] == 4  # the task worker simplifies every band once
    answers.forget()
    mapshapes._shapes.clear()  # a web process that has simplified nothing

    def fail(*args, **kwargs):
        raise AssertionError("simplified again")

    monkeypatch.setattr(mapshapes, "_build_shapes", fail)
    _, body = _get(client, zoom=8)
    assert body["tolerance_m"] == 200 and all(f["geometry"] for f in body["features"])


def test_a_box_keeps_the_geometries_it_touches_and_every_units_properties(client, gminas):
    _, whole = _get(client, zoom=14)
    west, south, east, north = shapely.total_bounds(_polygons(whole))
    box = (west, south, (west + east) / 2, (south + north) / 2)
    _, part = _get(client, zoom=14, bbox=",".join(f"{v:.5f}" for v in box))
    assert len(part["features"]) == len(whole["features"])
    drawn = [f for f in part["features"] if f["geometry"] is not None]
    assert 0 < len(drawn) < len(whole["features"])
    rectangle = shapely.box(*box)
    for feature in part["features"]:
        touches = shapely.geometry.shape(
            next(f for f in whole["features"] if f["properties"]["code"] ==
                 feature["properties"]["code"])["geometry"]).intersects(rectangle)
        if touches:
            assert feature["geometry"] is not None, feature["properties"]["code"]


@pytest.mark.parametrize("query", [{"bbox": "20,50,19,51"}, {"bbox": "a,b,c,d"},
                                   {"bbox": "19,50,20"}, {"zoom": 25}, {"zoom": -1}])
def test_a_bad_zoom_or_box_is_refused_naming_the_parameter(client, gminas, query):
    response = client.get("/api/v1/units", {"level": "gmina", **query})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == next(iter(query))


def test_a_client_that_has_the_answer_gets_304_without_it_being_built(
    client, gminas, tmp_path, monkeypatch
):
    first, _ = _get(client, zoom=6)
    assert first["ETag"].startswith('W/"') and first["Cache-Control"] == "no-cache"
    other, _ = _get(client, zoom=12)
    assert other["ETag"] != first["ETag"]  # the parameters are in the tag
    answers.forget()  # a new process: nothing built yet

    def fail(*args, **kwargs):
        raise AssertionError("built for a client that had it")

    monkeypatch.setattr(mapshapes, "units_body", fail)
    again = client.get("/api/v1/units", {"level": "gmina", "zoom": 6},
                       headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304 and again["ETag"] == first["ETag"]
    monkeypatch.undo()
    code = gminas.gminas[0][0]
    (tmp_path / "p.csv").write_text(f"unit_code;year;count\n{code};2025;1000\n", encoding="utf-8")
    import_population(tmp_path / "p.csv")
    changed = client.get("/api/v1/units", {"level": "gmina", "zoom": 6},
                         headers={"if-none-match": first["ETag"]})
    assert changed.status_code == 200
    assert json.loads(changed.content)["features"][0]["properties"]["population"] == 1000


def test_the_countrys_2477_gminas_never_take_more_than_2_mb(client, tmp_path):
    country = build_country(spacing=1000.0)
    import_units(write_country(country, tmp_path)["gmina"], "gmina", "kod", "nazwa")
    sizes = {}
    for zoom in (None, 5, 6, 8, 10, 12, 14, 18):
        query = {} if zoom is None else {"zoom": zoom}
        response, body = _get(client, **query)
        assert len(response.content) <= mapshapes.MAX_BYTES, zoom
        assert len(body["features"]) == 2477
        sizes[zoom] = (len(response.content), body["tolerance_m"])
    # Simplification makes the whole country fit where it can; the detailed bands don't
    # fit whole and fall back to a coarser one (so the map asks for its view there).
    assert sizes[6][1] == 1000
    assert sizes[18][1] > 0 and sizes[None][1] > 0
    # The view of a detailed zoom gets its detail.
    response, body = _get(client, zoom=14, bbox="19.0,50.0,19.2,50.1")
    assert len(response.content) <= mapshapes.MAX_BYTES
    assert body["tolerance_m"] == 0
    assert 0 < sum(f["geometry"] is not None for f in body["features"]) < 50
