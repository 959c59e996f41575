"""Importing resources: a table with addresses, a point file in another CRS."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from django.core.management import CommandError, call_command
from pyogrio.raw import write

from kooperacja.addresses.models import AddressPoint
from kooperacja.addresses.tests.registers import KONOTOP
from kooperacja.resources.models import Resource

pytestmark = pytest.mark.django_db

TABLE = ("nazwa;rodzaj;adres;miejscowość;liczba miejsc;problemy;telefon\n"
         "Noclegownia;shelter;ul. Podgórna 4;Konotop;20;3;+48 68 000 00 00\n"
         "Jadłodajnia;;Lipowa 1;Konotop;;1,3;\n"
         "Zagubiona;shelter;Nieznana 5;Konotop;;;\n")


def write_points(path, points, fields, crs):
    write(path, shapely.to_wkb(np.asarray(points, dtype=object)),
          [np.asarray(v, dtype=object) for v in fields.values()], list(fields),
          geometry_type="Point", crs=crs)
    return path


def test_it_places_resources_from_a_csv_with_addresses_and_names_the_rows_left_out(
        tmp_path, town, capsys):
    (tmp_path / "zasoby.csv").write_text(TABLE, encoding="cp1250")
    summary = call_command("import_resources", str(tmp_path / "zasoby.csv"), kind="soup_kitchen")
    assert "2 added" in summary and "1 left out" in summary
    assert "row 4:" in capsys.readouterr().err

    shelter = Resource.objects.get(name="Noclegownia")
    point = AddressPoint.objects.get(source_id="p-podgorna-4")
    assert (shelter.kind.code, shelter.capacity, shelter.phone) == (
        "shelter", 20, "+48 68 000 00 00")
    assert shelter.address_point == point
    assert (shelter.lon, shelter.lat) == pytest.approx((point.lon, point.lat))
    assert shelter.units == {"district": "W"}
    assert [p.code for p in shelter.problems.all()] == ["3"]

    kitchen = Resource.objects.get(name="Jadłodajnia")
    assert kitchen.kind.code == "soup_kitchen"  # the --type default for an empty kind cell
    assert kitchen.units == {"district": "E"}
    assert sorted(p.code for p in kitchen.problems.all()) == ["1", "3"]


def test_it_places_a_point_file_in_puwg_1992_where_the_register_has_it(tmp_path, town):
    lipowa = AddressPoint.objects.get(source_id="p-lipowa-1")
    path = write_points(tmp_path / "zasoby.gpkg", [shapely.Point(KONOTOP[0] + 200, KONOTOP[1])],
                        {"NAZWA": ["Klub Integracji"], "POJEMNOSC": [15]}, "EPSG:2180")
    summary = call_command("import_resources", str(path), kind="social_integration",
                           name_field="NAZWA")
    assert "1 added" in summary
    club = Resource.objects.get()
    assert (club.lon, club.lat) == pytest.approx((lipowa.lon, lipowa.lat), abs=1e-6)
    assert club.units == {"district": "E"}
    assert club.kind.code == "social_integration"


def test_a_second_import_updates_instead_of_adding(tmp_path, town):
    (tmp_path / "zasoby.csv").write_text(TABLE, encoding="utf-8")
    call_command("import_resources", str(tmp_path / "zasoby.csv"), kind="soup_kitchen")
    (tmp_path / "zasoby.csv").write_text(TABLE.replace(";20;", ";25;"), encoding="utf-8")
    summary = call_command("import_resources", str(tmp_path / "zasoby.csv"), kind="soup_kitchen")
    assert "0 added, 1 updated, 1 unchanged" in summary
    assert Resource.objects.get(name="Noclegownia").capacity == 25


def test_it_asks_for_a_kind_when_the_file_has_no_kind_column(tmp_path, town):
    (tmp_path / "z.csv").write_text("nazwa;adres\nDom;Podgórna 2\n", encoding="utf-8")
    with pytest.raises(CommandError, match="--type"):
        call_command("import_resources", str(tmp_path / "z.csv"))


def test_it_rejects_an_unknown_kind_and_problem_code_by_row(tmp_path, town, capsys):
    (tmp_path / "z.csv").write_text("nazwa;rodzaj;adres;problemy\nA;zoo;Podgórna 2;\n"
                                    "B;shelter;Podgórna 2;99\n", encoding="utf-8")
    summary = call_command("import_resources", str(tmp_path / "z.csv"))
    err = capsys.readouterr().err
    assert "2 left out" in summary
    assert "row 2:" in err and "zoo" in err and "row 3:" in err and "99" in err


@pytest.mark.filterwarnings("ignore:'crs' was not provided")
@pytest.mark.parametrize("name", ["z.shp", "z.geojson"])
def test_it_asks_for_the_crs_of_a_point_file_that_declares_none_or_a_wrong_one(
        tmp_path, town, name):
    path = write_points(tmp_path / name, [shapely.Point(KONOTOP)], {"name": ["A"]}, None)
    with pytest.raises(CommandError, match="--crs EPSG:N"):
        call_command("import_resources", str(path), kind="shelter")
    call_command("import_resources", str(path), kind="shelter", crs="EPSG:2180")
    assert Resource.objects.get().units == {"district": "W"}
