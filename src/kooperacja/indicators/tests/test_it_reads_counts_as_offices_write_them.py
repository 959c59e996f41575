"""Partner counts written as spreadsheets, DBF exports and Polish locales write them."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from openpyxl import Workbook

from kooperacja.indicators.models import Aggregate

pytestmark = pytest.mark.django_db


def police(path):
    call_command("import_aggregates", str(path), "--unit-field", "rejon", "--period", "2025",
                 "--code-list", "police", "--value-field", "interwencje:domestic")
    return dict(Aggregate.objects.filter(unit__level__code="estate")
                .values_list("unit__code", "count"))


def test_it_accepts_whole_counts_written_with_a_decimal_point_comma_or_spaces(city, tmp_path):
    table = tmp_path / "police.csv"
    table.write_text("rejon;interwencje\nE1;3.0\nE2;12,0\nE3;1\u00a0234\nE4;0,00\n",
                     encoding="cp1250")
    assert police(table) == {"E1": 3, "E2": 12, "E3": 1234, "E4": 0}
    assert Aggregate.objects.get(unit__code="C", code="domestic").count == 1249


def test_it_accepts_a_workbook_whose_counts_are_floats(city, tmp_path):
    workbook = Workbook()
    for row in (["rejon", "interwencje"], ["E1", 3.0], ["E2", 12.0]):
        workbook.active.append(row)
    workbook.save(tmp_path / "police.xlsx")
    assert police(tmp_path / "police.xlsx") == {"E1": 3, "E2": 12}


@pytest.mark.parametrize("written", ["3.5", "2,5", "3,000", "1,234", "1.234", "-3", "1e3"])
def test_it_refuses_a_count_that_is_not_whole_naming_file_row_and_column(
        city, tmp_path, written):
    table = tmp_path / "police.csv"
    table.write_text(f"rejon;interwencje\nE1;4\nE2;{written}\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        police(table)
    assert str(error.value) == (
        "police.csv: wiersz 3: pole interwencje: to nie jest liczba całkowita 0 lub większa; "
        "zapisz liczbę jako 12, 12,0 albo 1 234 (między tysiącami tylko spacja, nigdy "
        "przecinek ani kropka)")
    assert not Aggregate.objects.exists()


def test_it_asks_for_0_in_an_empty_count_cell_in_english_too(city, tmp_path):
    table = tmp_path / "police.csv"
    table.write_text("rejon;interwencje\nE1;4\nE2;\n", encoding="utf-8")
    with translation.override("en"), pytest.raises(CommandError) as error:
        police(table)
    assert str(error.value) == ("police.csv: row 3: field interwencje: the count is empty; "
                                "write 0 where there were none")
