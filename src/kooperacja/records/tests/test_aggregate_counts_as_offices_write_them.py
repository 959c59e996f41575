"""An aggregate extract (--layout aggregate) whose counts are written as spreadsheets,
DBF exports and Polish locales write them; a count that is not whole is rejected by row
and column."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from kooperacja.records.models import UnitCount
from kooperacja.records.tests.world import write_csv

pytestmark = pytest.mark.django_db

HEADER = ["Kod jednostki", "Kod", "Liczba", "Słownik"]


def persons() -> dict[tuple[str, str], int]:
    return {(unit, code): n for unit, code, n in UnitCount.objects.filter(
        unit__code__in=["E1", "E2"]).values_list("unit__code", "code__code", "persons")}


def test_it_counts_whole_numbers_written_3_0_3_0_with_comma_and_1_234(tmp_path, cast, capsys):
    path = write_csv(tmp_path / "agg.csv", HEADER, [
        ["E1", "1", "3.0", "mops_reason"], ["E1", "4", "12,0", "mops_reason"],
        ["E2", "1", "1 234", "mops_reason"], ["E2", "4", "2,5", "mops_reason"],
    ])
    summary = call_command("import_records", str(path), institution="a", period="2025",
                           layout="aggregate")
    assert "zaimportowano 3 wiersze, odrzucono 1" in summary
    assert persons() == {("E1", "1"): 3, ("E1", "4"): 12, ("E2", "1"): 1234}
    assert ("wiersz 5, kolumna Liczba: To nie jest liczba całkowita 0 lub większa"
            in capsys.readouterr().err)


def test_it_counts_a_workbook_whose_counts_are_floats(tmp_path, cast):
    workbook = Workbook()
    for row in (HEADER, ["E1", "1", 3.0, "mops_reason"], ["E2", "4", 7.0, "mops_reason"]):
        workbook.active.append(row)
    workbook.save(tmp_path / "agg.xlsx")
    call_command("import_records", str(tmp_path / "agg.xlsx"), institution="a",
                 period="2025", layout="aggregate")
    assert persons() == {("E1", "1"): 3, ("E2", "4"): 7}


def test_it_reads_unit_codes_in_any_case_and_refuses_a_pair_given_twice(tmp_path, cast, capsys):
    path = write_csv(tmp_path / "agg.csv", HEADER, [
        ["e1", "1", "3", "mops_reason"], [" E2 ", "4", "5", "mops_reason"],
        ["E1", "1", "8", "mops_reason"],
    ])
    summary = call_command("import_records", str(path), institution="a", period="2025",
                           layout="aggregate")
    assert "zaimportowano 2 wiersze, odrzucono 1" in summary
    assert persons() == {("E1", "1"): 3, ("E2", "4"): 5}
    assert ("wiersz 4, kolumna Kod jednostki: Ta jednostka i kod były już podane w wierszu 2"
            in capsys.readouterr().err)
