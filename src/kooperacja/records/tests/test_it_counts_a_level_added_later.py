"""A level made after the extracts were imported (a grid, a new generation of districts)
is counted at once: ``counts --level`` gives its numbers without importing anything again,
and a failure while counting leaves the database as it was."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.core.management import call_command

from kooperacja.addresses.models import PointUnit
from kooperacja.records.models import Institution
from kooperacja.records.services.importing import import_submission
from kooperacja.records.tests.grid_town import (
    EAST_CELL,
    NORTH_CELLS,
    WEST_CELL,
    build_grid_town,
    import_districts,
    write_units,
)
from kooperacja.records.tests.world import write_csv
from kooperacja.territory.services.boundaries import import_units
from kooperacja.territory.models import Level, Population, Unit

pytestmark = pytest.mark.django_db


def counts(folder: Path, level: str) -> dict[str, tuple[str, str]]:
    """``counts --level`` as a user reads it: unit → (persons, families) of everyone placed."""
    out = folder / f"counts-{level}.csv"
    call_command("counts", "--period", "2025", "--level", level, "--out", str(out))
    with out.open(encoding="utf-8") as f:
        return {row["unit_code"]: (row["persons"], row["families"])
                for row in csv.DictReader(f) if row["code"] == "*"}


def test_it_counts_the_cells_of_a_grid_made_after_the_import(tmp_path):
    build_grid_town(tmp_path)
    call_command("make_grid", "--territory", "C", "--size", "1000")
    assert counts(tmp_path, "grid1km") == {WEST_CELL: ("5", "5"), EAST_CELL: ("7", "7")}
    with (tmp_path / "counts-grid1km.csv").open(encoding="utf-8") as f:
        reasons = [row for row in csv.DictReader(f) if row["code"] == "1"]
    assert {r["unit_code"]: r["persons"] for r in reasons} == {WEST_CELL: "5", EAST_CELL: "7"}
    # The other levels keep their numbers.
    assert counts(tmp_path, "estate") == {"E1": ("4", "4"), "E2": ("3", "3"), "E3": ("5", "5")}
    assert counts(tmp_path, "city") == {"C": ("12", "12")}


def test_it_counts_a_new_generation_of_districts_on_its_own_boundaries(tmp_path):
    build_grid_town(tmp_path)
    assert counts(tmp_path, "district") == {"D1": ("4", "4"), "D2": ("8", "8")}
    import_districts(tmp_path, 2)
    assert counts(tmp_path, "district") == {"D1": ("7", "7"), "D2": ("5", "5")}


def test_it_moves_an_aggregate_extract_to_a_new_generation_of_its_estates(tmp_path):
    build_grid_town(tmp_path)
    ops = Institution.objects.create(code="ops", name="OPS", kind="mops")
    extract = write_csv(tmp_path / "ops.csv", ["Kod jednostki", "Kod", "Liczba", "Słownik"], [
        ["E1", "1", "3", "mops_reason"], ["E2", "1", "4", "mops_reason"],
        ["E3", "1", "5", "mops_reason"]])
    import_submission(extract, ops, "2025", "aggregate")
    redrawn = {"E1": (10, 800), "E2": (800, 1650), "E3": (1650, 1990)}
    import_units(write_units(tmp_path / "estates-2.gpkg", redrawn), "estate", "kod", "nazwa",
                 parent_level="district")
    out = tmp_path / "ops-counts.csv"
    call_command("counts", "--period", "2025", "--institution", "ops", "--level", "estate",
                 "--out", str(out))
    with out.open(encoding="utf-8") as f:
        found = {row["unit_code"]: row["persons"] for row in csv.DictReader(f)}
    # E1 is unchanged. The old E3's points now lie in the new E2 (Długa 7) and E3 (8-10):
    # neither gets a guessed part of its count, so the new E2 gets none either.
    assert found == {"E1": "3"}


def test_it_leaves_the_database_as_it_was_when_counting_a_new_grid_fails(tmp_path, monkeypatch):
    build_grid_town(tmp_path)
    before = (Unit.objects.count(), PointUnit.objects.count(), Population.objects.count(),
              counts(tmp_path, "estate"))

    def broken(generation):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr("kooperacja.records.services.counts.count_generation", broken)
    with pytest.raises(RuntimeError):
        call_command("make_grid", "--territory", "C", "--size", "1000")
    assert not Level.objects.filter(code="grid1km").exists()
    assert (Unit.objects.count(), PointUnit.objects.count(), Population.objects.count(),
            counts(tmp_path, "estate")) == before
    assert counts(tmp_path, "grid1km") == {}
    assert set(NORTH_CELLS).isdisjoint(Unit.objects.values_list("code", flat=True))
