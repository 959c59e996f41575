"""A unit code current on two levels (estate E1 and police precinct E1): both ways of
importing counts per unit refuse the file with the same message until the level is given,
and then put the counts on that level's unit. An institution's territory is read the
same way."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kooperacja.indicators.models import Aggregate
from kooperacja.indicators.tests.world import institution
from kooperacja.records.models import Institution, Submission, UnitCount
from kooperacja.territory.models import Generation, Level, Unit

pytestmark = pytest.mark.django_db

REFUSED = "E1.*(estate, precinct|precinct, estate).*--level"


@pytest.fixture
def precincts(city):
    level = Level.objects.create(code="precinct", name="Precinct", rank=40)
    generation = Generation.objects.create(level=level, valid_from=dt.date(2020, 1, 1),
                                           source="precincts.gpkg", checksum="precinct")
    Unit.objects.create(generation=generation, level=level, code="E1", name="Precinct E1",
                        geometry=city["E1"].geometry, area_km2=1.0)
    institution("police", "police")
    return city


def import_records(path, *options):
    return call_command("import_records", str(path), "--institution", "police", "--period",
                        "2025", "--layout", "aggregate", *options)


def import_aggregates(path, *options):
    return call_command("import_aggregates", str(path), "--unit-field", "rejon", "--period",
                        "2025", "--code-list", "police", "--value-field", "interwencje:domestic",
                        *options)


def test_it_refuses_counts_per_unit_naming_the_levels_of_a_repeated_code(precincts, tmp_path):
    extract = tmp_path / "agg.csv"
    extract.write_text("Kod jednostki;Kod;Liczba;Słownik\nE1;1;3;mops_reason\n", encoding="utf-8")
    with pytest.raises(CommandError, match=REFUSED):
        import_records(extract)
    assert not UnitCount.objects.filter(institution__code="police").exists()
    assert Submission.objects.get(institution__code="police").status == Submission.Status.REJECTED


def test_it_refuses_a_partners_table_naming_the_levels_of_a_repeated_code(precincts, tmp_path):
    table = tmp_path / "police.csv"
    table.write_text("rejon;interwencje\nE1;12\n", encoding="utf-8")
    with pytest.raises(CommandError, match=REFUSED):
        import_aggregates(table)
    assert not Aggregate.objects.exists()


def test_it_puts_the_counts_on_the_unit_of_the_level_given(precincts, tmp_path):
    extract = tmp_path / "agg.csv"
    extract.write_text("Kod jednostki;Kod;Liczba;Słownik\nE1;1;3;mops_reason\n", encoding="utf-8")
    import_records(extract, "--level", "precinct")
    table = tmp_path / "police.csv"
    table.write_text("rejon;interwencje\nE1;12\n", encoding="utf-8")
    import_aggregates(table, "--level", "estate")
    assert list(UnitCount.objects.filter(institution__code="police").values_list(
        "unit__level__code", "persons")) == [("precinct", 3)]
    assert Aggregate.objects.get(unit__code="E1").unit.level.code == "estate"
    assert Aggregate.objects.get(unit__code="D1").count == 12


def test_it_refuses_a_level_without_current_boundaries_or_for_person_level_extracts(
        precincts, tmp_path):
    extract = tmp_path / "agg.csv"
    extract.write_text("Kod jednostki;Kod;Liczba;Słownik\nE1;1;3;mops_reason\n", encoding="utf-8")
    with pytest.raises(CommandError, match="gmina"):
        import_records(extract, "--level", "gmina")
    with pytest.raises(CommandError, match="aggregate"):
        call_command("import_records", str(extract), "--institution", "police", "--period",
                     "2025", "--layout", "mops", "--level", "estate")
    assert not Submission.objects.filter(institution__code="police").exists()


def test_it_asks_which_level_an_institutions_territory_code_means(precincts):
    with pytest.raises(CommandError, match=REFUSED):
        call_command("add_institution", "patrol", "--name", "Patrol", "--kind", "police",
                     "--territory", "E1")
    assert not Institution.objects.filter(code="patrol").exists()
    call_command("add_institution", "patrol", "--name", "Patrol", "--kind", "police",
                 "--territory", "E1", "--level", "precinct")
    assert Institution.objects.get(code="patrol").territory.name == "Precinct E1"
