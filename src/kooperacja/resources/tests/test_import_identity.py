"""Re-importing resources: every row of a file is its own entry, whatever its id column
holds, and importing the same file again changes nothing."""

from __future__ import annotations

import re

import numpy as np
import pyogrio
import pytest
import shapely
from django.core.management import call_command
from pyogrio.raw import write

from kooperacja.addresses.tests.registers import KONOTOP
from kooperacja.resources.models import Resource

pytestmark = pytest.mark.django_db

NAMES = ["Noclegownia", "Jadłodajnia", "Klub Seniora", "Świetlica", "Punkt pomocy",
         "Punkt pomocy", "Dom Dziennego Pobytu", "Klub Integracji", "Łaźnia", "Ogrzewalnia",
         "Punkt konsultacyjny", "Warsztaty Terapii", "Mieszkanie chronione"]


def summary_numbers(summary: str) -> dict[str, int]:
    found = re.fullmatch(r"(\d+) rows?: (\d+) added, (\d+) updated, (\d+) unchanged, "
                         r"(\d+) left out", summary)
    assert found, summary
    rows, *parts = (int(n) for n in found.groups())
    assert sum(parts) == rows, "the summary must account for every row"
    return dict(zip(("rows", "added", "updated", "unchanged", "left out"), [rows, *parts]))


def qgis_points(tmp_path, ids, names=NAMES, shift_m=0.0, name="zasoby.shp"):
    """A Shapefile of points 60 m apart in EPSG:2180 with an integer Id field, as QGIS
    writes it."""
    points = [shapely.Point(KONOTOP[0] - 400 + 60 * i + shift_m, KONOTOP[1])
              for i in range(len(names))]
    path = tmp_path / name
    write(path, shapely.to_wkb(np.asarray(points, dtype=object)),
          [np.asarray(ids, dtype=np.int64), np.asarray(names, dtype=object)], ["Id", "nazwa"],
          geometry_type="Point", crs="EPSG:2180", encoding="UTF-8")
    assert pyogrio.read_info(path)["ogr_types"][0] in ("OFTInteger", "OFTInteger64")
    return path


def test_it_imports_13_points_whose_id_is_0_in_every_row_as_13_resources(tmp_path, town, capsys):
    path = qgis_points(tmp_path, [0] * 13)
    first = summary_numbers(call_command("import_resources", str(path), kind="shelter"))
    assert first == {"rows": 13, "added": 13, "updated": 0, "unchanged": 0, "left out": 0}
    assert Resource.objects.count() == 13
    assert Resource.objects.filter(name="Punkt pomocy").count() == 2
    note = capsys.readouterr().err
    assert "Id" in note and "value 0 in 13 of 13 rows" in note and "10 m" in note

    again = summary_numbers(call_command("import_resources", str(path), kind="shelter"))
    assert again == {"rows": 13, "added": 0, "updated": 0, "unchanged": 13, "left out": 0}
    assert Resource.objects.count() == 13


def test_it_keeps_rows_with_empty_ids_apart_and_tells_why(tmp_path, town, capsys):
    (tmp_path / "z.csv").write_text(
        "id;nazwa;rodzaj;lon;lat\n;Punkt;shelter;15.9101;51.9301\n;Punkt;shelter;15.9151;51.9301\n"
        "7;Klub;shelter;15.9201;51.9301\n", encoding="utf-8")
    summary = summary_numbers(call_command("import_resources", str(tmp_path / "z.csv")))
    assert summary["added"] == 3 and Resource.objects.count() == 3
    assert "the id column id is empty in 2 of 3 rows" in capsys.readouterr().err


def test_two_rows_of_one_name_at_one_place_stay_two_entries_on_every_import(tmp_path, town):
    (tmp_path / "z.csv").write_text(
        "nazwa;rodzaj;lon;lat\nPunkt;shelter;15.9101;51.9301\nPunkt;shelter;15.9101;51.9301\n",
        encoding="utf-8")
    assert summary_numbers(call_command("import_resources", str(tmp_path / "z.csv")))["added"] == 2
    again = summary_numbers(call_command("import_resources", str(tmp_path / "z.csv")))
    assert (again["added"], again["unchanged"]) == (0, 2)
    assert Resource.objects.count() == 2


def test_unique_ids_follow_an_entry_through_a_new_name_and_place(tmp_path, town):
    path = qgis_points(tmp_path, list(range(1, 14)))
    call_command("import_resources", str(path), kind="shelter")
    shelter = Resource.objects.get(name="Noclegownia")
    renamed = ["Schronisko"] + NAMES[1:]
    path = qgis_points(tmp_path, list(range(1, 14)), renamed, shift_m=500)
    summary = summary_numbers(call_command("import_resources", str(path), kind="shelter"))
    assert (summary["added"], summary["updated"]) == (0, 13)
    shelter.refresh_from_db()
    assert shelter.name == "Schronisko" and shelter.source_id == "1"


def test_without_usable_ids_an_entry_is_the_same_name_within_10_metres(tmp_path, town):
    call_command("import_resources", str(qgis_points(tmp_path, [0] * 13)), kind="shelter")
    nudged = summary_numbers(call_command(
        "import_resources", str(qgis_points(tmp_path, [0] * 13, shift_m=4)), kind="shelter"))
    assert (nudged["added"], nudged["updated"]) == (0, 13)
    moved = summary_numbers(call_command(
        "import_resources", str(qgis_points(tmp_path, [0] * 13, shift_m=30)), kind="shelter"))
    assert (moved["added"], moved["updated"]) == (13, 0)
    assert Resource.objects.count() == 26


def test_a_file_whose_ids_became_unique_updates_the_entries_it_made_before(tmp_path, town):
    call_command("import_resources", str(qgis_points(tmp_path, [0] * 13)), kind="shelter")
    summary = summary_numbers(call_command(
        "import_resources", str(qgis_points(tmp_path, list(range(1, 14)))), kind="shelter"))
    assert (summary["added"], summary["unchanged"]) == (0, 13)
    assert sorted(Resource.objects.values_list("source_id", flat=True), key=int) == [
        str(i) for i in range(1, 14)]


def test_it_counts_a_row_with_new_problem_codes_as_updated_and_stores_them(tmp_path, town):
    table = ("nazwa;rodzaj;lon;lat;problemy\nNoclegownia;shelter;15.9101;51.9301;3\n"
             "Jadłodajnia;soup_kitchen;15.9151;51.9301;1\n")
    (tmp_path / "z.csv").write_text(table, encoding="utf-8")
    call_command("import_resources", str(tmp_path / "z.csv"))
    (tmp_path / "z.csv").write_text(table.replace(";3\n", ";3,4\n"), encoding="utf-8")
    summary = summary_numbers(call_command("import_resources", str(tmp_path / "z.csv")))
    assert (summary["added"], summary["updated"], summary["unchanged"]) == (0, 1, 1)
    shelter = Resource.objects.get(name="Noclegownia")
    assert sorted(p.code for p in shelter.problems.all()) == ["3", "4"]
