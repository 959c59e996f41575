"""Importing boundary files: CRS handling, generations, parents and bad input."""

from __future__ import annotations

import pytest
import shapely
from pyproj import Transformer

from kooperacja.core.boundaries import BoundaryFileError
from kooperacja.territory.models import Generation, Unit
from kooperacja.territory.services.boundaries import import_units

pytestmark = pytest.mark.django_db

# Podgórna 2 in Konotop, from the PRG 2012 sample (EPSG:2180 easting, northing);
# see tests/data/README.md.
KONOTOP_2180 = (287772.37, 456005.14)
KONOTOP_WGS84 = (15.912, 51.930)


def square(x: float, y: float, half: float) -> shapely.Polygon:
    return shapely.box(x - half, y - half, x + half, y + half)


def unit_geometry(code: str) -> shapely.Geometry:
    return shapely.from_geojson(Unit.objects.current().get(code=code).geometry)


def test_it_lands_an_epsg_2180_file_where_it_belongs(tmp_path, layer_writer):
    path = layer_writer(tmp_path / "gminy.gpkg", [square(*KONOTOP_2180, 500)],
                        {"kod": ["0804032"], "nazwa": ["Kolsko"]}, "EPSG:2180")
    import_units(path, "gmina", "kod", "nazwa")
    geometry = unit_geometry("0804032")
    centre = geometry.centroid
    assert centre.x == pytest.approx(KONOTOP_WGS84[0], abs=0.002)
    assert centre.y == pytest.approx(KONOTOP_WGS84[1], abs=0.002)
    # A 1 km square stays a 1 km² square after the transformation.
    assert Unit.objects.get(code="0804032").area_km2 == pytest.approx(1.0, rel=0.01)


def test_it_lands_a_us_state_plane_feet_file_where_it_belongs(tmp_path, layer_writer):
    # The Empire State Building, 40.7484 N 73.9857 W, in NAD83 / New York Long Island (ftUS).
    to_feet = Transformer.from_crs("EPSG:4326", "EPSG:2263", always_xy=True)
    x, y = to_feet.transform(-73.9857, 40.7484)
    assert 980_000 < x < 1_000_000 and 200_000 < y < 220_000  # feet, not metres
    path = layer_writer(tmp_path / "blocks.geojson", [square(x, y, 300)],
                        {"code": ["ESB"], "name": ["Midtown block"]}, "EPSG:2263", driver="GeoJSON")
    import_units(path, "block", "code", "name")
    geometry = unit_geometry("ESB")
    assert geometry.centroid.x == pytest.approx(-73.9857, abs=1e-4)
    assert geometry.centroid.y == pytest.approx(40.7484, abs=1e-4)
    # 600 US feet across: about 183 m.
    assert geometry.bounds[3] - geometry.bounds[1] == pytest.approx(
        600 * 0.3048006 / 111_000, rel=0.02)


def test_it_refuses_a_file_without_a_crs_and_names_the_flag(tmp_path, layer_writer):
    path = layer_writer(tmp_path / "bez_ukladu.shp", [square(*KONOTOP_2180, 500)],
                        {"kod": ["A"], "nazwa": ["A"]}, None)
    with pytest.raises(BoundaryFileError) as error:
        import_units(path, "district", "kod", "nazwa")
    assert "bez_ukladu.shp" in str(error.value)
    assert "coordinate reference system" in str(error.value) and "--crs" in str(error.value)
    assert not Unit.objects.exists()

    import_units(path, "district", "kod", "nazwa", crs="EPSG:2180")
    assert unit_geometry("A").centroid.x == pytest.approx(KONOTOP_WGS84[0], abs=0.002)


def test_it_changes_nothing_when_the_same_file_comes_again(tmp_path, layer_writer):
    path = layer_writer(tmp_path / "d.gpkg", [square(0, 0, 1), square(3, 0, 1)],
                        {"kod": ["A", "B"], "nazwa": ["Alfa", "Beta"]}, "EPSG:4326")
    first = import_units(path, "district", "kod", "nazwa")
    again = import_units(path, "district", "kod", "nazwa")
    assert first.created and not again.created
    assert Unit.objects.count() == 2 and Generation.objects.count() == 1


def test_it_keeps_the_old_generation_when_boundaries_change(tmp_path, layer_writer):
    old = layer_writer(tmp_path / "old.gpkg", [square(0, 0, 1)], {"kod": ["A"], "nazwa": ["Alfa"]},
                       "EPSG:4326")
    new = layer_writer(tmp_path / "new.gpkg", [square(0, 0, 2)], {"kod": ["A"], "nazwa": ["Alfa"]},
                       "EPSG:4326")
    import_units(old, "district", "kod", "nazwa")
    import_units(new, "district", "kod", "nazwa")
    assert Generation.objects.filter(level__code="district").count() == 2
    assert Unit.objects.filter(code="A").count() == 2
    assert unit_geometry("A").area == pytest.approx(16)


def test_it_finds_parents_by_containment_and_by_field(tmp_path, layer_writer):
    districts = layer_writer(tmp_path / "d.gpkg", [square(0, 0, 1), square(3, 0, 1)],
                             {"kod": ["D1", "D2"], "nazwa": ["Jeden", "Dwa"]}, "EPSG:4326")
    estates = layer_writer(tmp_path / "e.gpkg", [square(0.5, 0.5, 0.2), square(3, 0, 0.2)],
                           {"kod": ["E1", "E2"], "nazwa": ["Os. A", "Os. B"], "dz": ["D1", "D2"]},
                           "EPSG:4326")
    import_units(districts, "district", "kod", "nazwa")
    import_units(estates, "estate", "kod", "nazwa", parent_level="district")
    assert Unit.objects.get(code="E2").parent.code == "D2"
    again = layer_writer(tmp_path / "e2.gpkg", [square(0.5, 0.5, 0.3), square(3, 0, 0.3)],
                         {"kod": ["E1", "E2"], "nazwa": ["Os. A", "Os. B"], "dz": ["D2", "D1"]},
                         "EPSG:4326")
    import_units(again, "estate", "kod", "nazwa", parent_field="dz", parent_level="district")
    assert Unit.objects.current().get(code="E1").parent.code == "D2"
    assert Unit.objects.current().get(code="E1").territory.code == "D2"


@pytest.mark.parametrize(
    ("fields", "options", "expected"),
    [
        ({"kod": ["A"], "nazwa": ["Alfa"]}, {"code_field": "KOD_DZ"}, "KOD_DZ"),
        ({"kod": ["A", "A"], "nazwa": ["Alfa", "Beta"]}, {}, "duplicate code A"),
        ({"kod": ["A"], "nazwa": ["Alfa"]}, {"layer": "nosuch"}, "no layer nosuch"),
    ],
)
def test_it_reports_bad_input_in_one_line_and_changes_nothing(
    tmp_path, layer_writer, fields, options, expected
):
    import_units(layer_writer(tmp_path / "ok.gpkg", [square(9, 9, 1)],
                              {"kod": ["Z"], "nazwa": ["Zeta"]},
                              "EPSG:4326"), "district", "kod", "nazwa")
    geometries = [square(i * 3, 0, 1) for i in range(len(fields["kod"]))]
    path = layer_writer(tmp_path / "bad.gpkg", geometries, fields, "EPSG:4326")
    arguments = {"code_field": "kod", "name_field": "nazwa", **options}
    with pytest.raises(BoundaryFileError) as error:
        import_units(path, "district", **arguments)
    message = str(error.value)
    assert "\n" not in message and message.startswith("bad.gpkg")
    assert expected in message
    assert list(Unit.objects.values_list("code", flat=True)) == ["Z"]


def test_it_repairs_a_self_intersecting_polygon_and_reports_an_unusable_one(tmp_path, layer_writer):
    bowtie = shapely.Polygon([(0, 0), (2, 2), (2, 0), (0, 2), (0, 0)])
    path = layer_writer(tmp_path / "bowtie.gpkg", [bowtie], {"kod": ["B"], "nazwa": ["Muszka"]},
                        "EPSG:4326")
    result = import_units(path, "district", "kod", "nazwa")
    assert result.repaired == ["B"]
    assert shapely.is_valid(unit_geometry("B")) and unit_geometry("B").area == pytest.approx(2)

    flat = shapely.Polygon([(0, 0), (1, 1), (2, 2), (0, 0)])
    path = layer_writer(tmp_path / "flat.gpkg", [flat], {"kod": ["F"], "nazwa": ["Płaski"]},
                        "EPSG:4326")
    with pytest.raises(BoundaryFileError) as error:
        import_units(path, "estate", "kod", "nazwa")
    assert "feature 1 (F)" in str(error.value) and "geometry" in str(error.value)
    assert not Unit.objects.filter(code="F").exists()


def test_it_reads_windows_1250_names_from_a_dbf(tmp_path, layer_writer):
    names = ["Śródmieście", "Żabiniec", "Łęgi Źródlane"]
    geometries = [square(i * 3, 0, 1) for i in range(3)]
    path = layer_writer(tmp_path / "osiedla.shp", geometries,
                        {"KOD": ["1", "2", "3"], "NAZWA": names}, "EPSG:4326", encoding="cp1250")
    for sidecar in tmp_path.glob("osiedla.[cC][pP][gG]"):
        sidecar.unlink()  # as old GIS exports ship: no word on the encoding
    import_units(path, "estate", "KOD", "NAZWA")
    assert sorted(Unit.objects.values_list("name", flat=True)) == sorted(names)

    import_units(path, "estate2", "KOD", "NAZWA", encoding="cp1250")
    stored = Unit.objects.filter(level__code="estate2").values_list("name", flat=True)
    assert sorted(stored) == sorted(names)
