"""Each point knows its unit at every level, and follows new boundary generations."""

from __future__ import annotations

import pytest
import shapely

from kooperacja.addresses.models import PointUnit
from kooperacja.addresses.services.register import import_addresses
from kooperacja.addresses.tests.registers import KONOTOP, konotop_register
from kooperacja.territory.models import Generation
from kooperacja.territory.services.boundaries import import_units

pytestmark = pytest.mark.django_db


def box(west: float, east: float) -> shapely.Polygon:
    x, y = KONOTOP
    return shapely.box(x + west, y - 500, x + east, y + 500)


def units_of(level: str, generation: Generation | None = None) -> dict[str, str]:
    rows = PointUnit.objects.filter(level__code=level)
    rows = (rows.filter(generation=generation) if generation
            else rows.filter(generation__is_current=True))
    return dict(rows.values_list("point__source_id", "unit__code"))


def districts(tmp_path, layer_writer, name: str, split: float):
    path = layer_writer(tmp_path / name, [box(-1000, split), box(split, 1000)],
                        {"kod": ["W", "E"], "nazwa": ["Zachód", "Wschód"]}, "EPSG:2180")
    return import_units(path, "district", "kod", "nazwa").generation


def test_it_assigns_each_point_to_its_unit_at_every_level(tmp_path, layer_writer):
    city = layer_writer(tmp_path / "city.gpkg", [box(-1000, 1000)],
                        {"kod": ["K"], "nazwa": ["Konotop"]}, "EPSG:2180")
    import_units(city, "city", "kod", "nazwa")
    districts(tmp_path, layer_writer, "d1.gpkg", 150)
    import_addresses(konotop_register(tmp_path / "r.csv"))
    assert units_of("city") == {"p-podgorna-2": "K", "p-podgorna-4": "K", "p-lipowa-1": "K"}
    assert units_of("district") == {"p-podgorna-2": "W", "p-podgorna-4": "W", "p-lipowa-1": "E"}


def test_it_reassigns_points_when_a_level_gets_a_new_generation(tmp_path, layer_writer):
    old = districts(tmp_path, layer_writer, "d1.gpkg", 150)
    import_addresses(konotop_register(tmp_path / "r.csv"))
    new = districts(tmp_path, layer_writer, "d2.gpkg", 50)
    assert units_of("district") == {"p-podgorna-2": "W", "p-podgorna-4": "E", "p-lipowa-1": "E"}
    # The old generation keeps its assignments, for history shown on old boundaries.
    assert units_of("district", old) == {"p-podgorna-2": "W", "p-podgorna-4": "W",
                                         "p-lipowa-1": "E"}
    assert new.is_current and PointUnit.objects.filter(generation=new).count() == 3


def test_it_reassigns_a_point_that_moved(tmp_path, layer_writer):
    districts(tmp_path, layer_writer, "d1.gpkg", 150)
    import_addresses(konotop_register(tmp_path / "r.csv"))
    moved = (tmp_path / "r.csv").read_text(encoding="utf-8").replace(
        f"{KONOTOP[0] + 100:.2f}", f"{KONOTOP[0] + 400:.2f}")
    (tmp_path / "moved.csv").write_text(moved, encoding="utf-8")
    assert import_addresses(tmp_path / "moved.csv").register_import.changed == 1
    assert units_of("district")["p-podgorna-4"] == "E"
    assert PointUnit.objects.count() == 3


def test_it_reassigns_points_that_moved_far_apart_in_the_register(tmp_path, layer_writer):
    districts(tmp_path, layer_writer, "d1.gpkg", 150)
    import_addresses(konotop_register(tmp_path / "r.csv"))
    # The first and the last point move: their ids are not consecutive.
    moved = (tmp_path / "r.csv").read_text(encoding="utf-8").replace(
        f"{KONOTOP[0]:.2f}", f"{KONOTOP[0] + 400:.2f}").replace(
        f"{KONOTOP[0] + 200:.2f}", f"{KONOTOP[0] - 400:.2f}")
    (tmp_path / "moved.csv").write_text(moved, encoding="utf-8")
    assert import_addresses(tmp_path / "moved.csv").register_import.changed == 2
    assert units_of("district") == {"p-podgorna-2": "E", "p-podgorna-4": "W", "p-lipowa-1": "W"}
