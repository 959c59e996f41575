"""A resource's capacity written as offices and GIS software write counts: 20, 20.0, 20,0."""

from __future__ import annotations

import numpy as np
import pyogrio
import pytest
import shapely
from django.core.management import call_command
from openpyxl import Workbook
from pyogrio.raw import write

from kooperacja.addresses.tests.registers import KONOTOP
from kooperacja.resources.models import Resource

pytestmark = pytest.mark.django_db


def test_it_reads_a_capacity_written_with_a_decimal_comma_or_point(tmp_path, town, capsys):
    (tmp_path / "z.csv").write_text(
        "nazwa;rodzaj;lon;lat;liczba miejsc\nNoclegownia;shelter;15.91;51.93;20,0\n"
        "Łaźnia;shelter;15.92;51.93;3.0\nOgrzewalnia;shelter;15.93;51.93;1 200\n"
        "Klub;shelter;15.94;51.93;2,5\n", encoding="cp1250")
    summary = call_command("import_resources", str(tmp_path / "z.csv"))
    assert summary == "4 rows: 3 added, 0 updated, 0 unchanged, 1 left out"
    assert dict(Resource.objects.values_list("name", "capacity")) == {
        "Noclegownia": 20, "Łaźnia": 3, "Ogrzewalnia": 1200}
    err = capsys.readouterr().err
    assert "row 5, column liczba miejsc: not a whole number of 0 or more" in err


def test_it_reads_a_capacity_from_a_workbook_cell_holding_a_float(tmp_path, town):
    workbook = Workbook()
    workbook.active.append(["nazwa", "rodzaj", "lon", "lat", "pojemność"])
    workbook.active.append(["Noclegownia", "shelter", 15.91, 51.93, 20.0])
    workbook.save(tmp_path / "z.xlsx")
    call_command("import_resources", str(tmp_path / "z.xlsx"))
    assert Resource.objects.get().capacity == 20


def test_it_reads_a_capacity_from_a_shapefile_real_field(tmp_path, town):
    path = tmp_path / "z.shp"
    write(path, shapely.to_wkb(np.asarray([shapely.Point(KONOTOP)], dtype=object)),
          [np.asarray(["Noclegownia"], dtype=object), np.asarray([20.0])], ["nazwa", "capacity"],
          geometry_type="Point", crs="EPSG:2180", encoding="UTF-8")
    assert pyogrio.read_info(path)["ogr_types"][1] == "OFTReal"
    call_command("import_resources", str(path), kind="shelter")
    assert Resource.objects.get().capacity == 20


def test_it_leaves_out_a_row_whose_capacity_looks_like_a_pesel_without_repeating_it(
        tmp_path, town, capsys):
    (tmp_path / "z.csv").write_text("nazwa;rodzaj;lon;lat;liczba miejsc\n"
                                    "Noclegownia;shelter;15.91;51.93;85010112345\n",
                                    encoding="utf-8")
    assert call_command("import_resources", str(tmp_path / "z.csv")).endswith("1 left out")
    err = capsys.readouterr().err
    assert "row 2, column liczba miejsc: the count is over 2147483647" in err
    assert "85010112345" not in err and not Resource.objects.exists()
