"""The map page's panel and data are built once per change of what they show
(territory/answers.py); a new level shows on the next request, and the page around them
is each visitor's own."""

from __future__ import annotations

import pytest
import shapely
from django.test import Client

from kooperacja.territory.services.boundaries import import_units

pytestmark = pytest.mark.django_db


def level(tmp_path, layer_writer, code: str, units: int) -> None:
    boxes = [shapely.box(i * 0.05, 0, (i + 1) * 0.05, 0.05) for i in range(units)]
    path = layer_writer(tmp_path / f"{code}.gpkg", boxes,
                        {"kod": [f"{code}{i}" for i in range(units)],
                         "nazwa": [f"{code} {i}" for i in range(units)]}, "EPSG:4326")
    import_units(path, code, "kod", "nazwa")


def test_a_new_level_shows_on_the_map(client, tmp_path, layer_writer):
    level(tmp_path, layer_writer, "district", 2)
    page = client.get("/").content.decode()
    assert 'value="district"' in page and 'value="estate"' not in page
    level(tmp_path, layer_writer, "estate", 3)
    assert 'value="estate"' in client.get("/").content.decode()


def test_the_page_around_the_map_is_each_visitors_own(tmp_path, layer_writer):
    level(tmp_path, layer_writer, "district", 2)
    first, second = Client(), Client()
    first.get("/")
    second.get("/")
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
