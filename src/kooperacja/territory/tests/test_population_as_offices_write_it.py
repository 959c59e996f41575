"""Population tables as statistics offices and spreadsheets write them: thousands apart
with a space or a non-breaking space, whole numbers as 1234,0 or as workbook floats."""

from __future__ import annotations

import pytest
import shapely
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from kooperacja.territory.models import Population
from kooperacja.territory.services.boundaries import import_units

pytestmark = pytest.mark.django_db


@pytest.fixture
def estates(tmp_path, layer_writer):
    path = layer_writer(tmp_path / "e.gpkg", [shapely.box(0, 0, 0.01, 0.01),
                                              shapely.box(0.02, 0, 0.03, 0.01)],
                        {"kod": ["E1", "E2"], "nazwa": ["Zatorze", "Błonie"]}, "EPSG:4326")
    import_units(path, "estate", "kod", "nazwa")


def totals() -> dict[str, int]:
    return dict(Population.objects.filter(sex="", age_band="")
                .values_list("unit__code", "count"))


def test_it_reads_thousands_apart_and_whole_numbers_with_a_decimal_comma(tmp_path, estates):
    path = tmp_path / "ludnosc.csv"
    path.write_text("Kod;Rok;Płeć;Liczba\nE1;2025;K;1 234\nE1;2025;M;1\u00a0000,0\n"
                    "E2;2025;;12\u202f345\n", encoding="utf-8")
    call_command("import_population", str(path))
    assert totals() == {"E1": 2234, "E2": 12345}


def test_it_reads_a_workbook_whose_years_and_counts_are_floats(tmp_path, estates):
    workbook = Workbook()
    for row in (["kod", "rok", "liczba"], ["E1", 2025.0, 1234.0], ["E2", 2025.0, 56.0]):
        workbook.active.append(row)
    workbook.save(tmp_path / "ludnosc.xlsx")
    call_command("import_population", str(tmp_path / "ludnosc.xlsx"))
    assert totals() == {"E1": 1234, "E2": 56}


@pytest.mark.parametrize("written", ["1 234,5", "1,234", "12 34", "1.234"])
def test_it_refuses_a_count_that_is_not_whole_and_keeps_the_figures_it_had(
        tmp_path, estates, written):
    path = tmp_path / "ludnosc.csv"
    path.write_text("kod;rok;liczba\nE1;2025;100\n", encoding="utf-8")
    call_command("import_population", str(path))
    path.write_text(f"kod;rok;liczba\nE1;2025;120\nE2;2025;{written}\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("import_population", str(path))
    assert str(error.value).startswith(
        "ludnosc.csv: wiersz 3: pole liczba: to nie jest liczba całkowita 0 lub większa; "
        "zapisz liczbę jako 12, 12,0 albo 1 234")
    assert totals() == {"E1": 100}
