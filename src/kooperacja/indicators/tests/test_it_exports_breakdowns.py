"""An indicator's persons by sex and by age band leave the system only after disclosure
control, the same cells on every path: the command (`kooperacja indicators --by`), the
API (`/api/v1/indicators/{code}/breakdown`) and the stored breakdown the pages read."""

from __future__ import annotations

import csv
import json

import pytest
from django.core.management import CommandError, call_command

from kooperacja.indicators.models import Indicator
from kooperacja.indicators.services.breakdown import stored_breakdown
from kooperacja.indicators.services.protection import ALL
from kooperacja.indicators.tests.grid import build_grid
from kooperacja.indicators.tests.test_it_splits_indicators_by_sex_and_age import (
    random_cells,
    write_counts,
)
from kooperacja.records.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def grid(db):
    units = build_grid()
    cells = random_cells(3)
    cells[("E00", None, "65+")] = 1  # one person of unknown sex: hidden everywhere
    write_counts(units, "2025", cells)
    return units


def stored(audience="public"):
    found = stored_breakdown(Indicator.objects.get(code="poverty"), "2025", audience,
                             level="estate")
    assert found is not None
    return {(code, c.sex or "", c.age_band or ""): c for code, cells in found.units.items()
            for c in cells}


def test_the_command_writes_the_margins_by_sex_and_by_band_as_stored(grid, tmp_path):
    cells = stored()
    for by, other in (("sex", "age_band"), ("age_band", "sex")):
        out = tmp_path / f"{by}.csv"
        call_command("indicators", "--indicator", "poverty", "--level", "estate",
                     "--period", "2025", "--by", by, "--out", str(out))
        rows = list(csv.DictReader(out.open(encoding="utf-8")))
        assert rows and all(other not in row for row in rows)
        for row in rows:
            key = (row["unit_code"], row["sex"], ALL) if by == "sex" else (
                row["unit_code"], ALL, row["age_band"])
            cell = cells[key]
            assert row["persons"] == ("" if cell.hidden else str(cell.persons)), key
            assert row["label"] == cell.label
        assert any(row["persons"] == "" for row in rows)
        assert all(row["persons"] == "" or int(row["persons"]) == 0 or int(row["persons"]) >= 5
                   for row in rows)
        meta = json.loads((tmp_path / f"{by}.csv.meta.json").read_text(encoding="utf-8"))
        assert meta["k"] == 5 and meta["audience"] == "public"
    both = tmp_path / "both.csv"
    call_command("indicators", "--indicator", "poverty", "--level", "estate", "--period",
                 "2025", "--by", "sex", "--by", "age_band", "--out", str(both))
    rows = list(csv.DictReader(both.open(encoding="utf-8")))
    assert {(r["unit_code"], r["sex"], r["age_band"]) for r in rows} == {
        key for key in cells if ALL not in key[1:]}
    assert AuditEvent.objects.filter(action="export").exists()


def test_the_command_refuses_a_map_layer_of_a_breakdown(grid, tmp_path):
    with pytest.raises(CommandError, match=r"\.csv, \.xlsx"):
        call_command("indicators", "--indicator", "poverty", "--level", "estate",
                     "--period", "2025", "--by", "sex", "--out", str(tmp_path / "x.geojson"))


def test_the_api_gives_the_stored_cells_to_the_public(client, grid):
    cells = stored()
    response = client.get("/api/v1/indicators/poverty/breakdown",
                          {"level": "estate", "period": "2025"})
    assert response.status_code == 200
    body = response.json()
    assert body["k"] == 5 and body["audience"] == "public"
    assert {(c["unit_code"], c["sex"], c["age_band"]) for c in body["cells"]} == set(cells)
    for c in body["cells"]:
        cell = cells[(c["unit_code"], c["sex"], c["age_band"])]
        assert c["persons"] == cell.persons and c["hidden"] == cell.hidden
        assert c["persons"] is None or c["persons"] == 0 or c["persons"] >= 5
    assert client.get("/api/v1/indicators/poverty/breakdown",
                      {"level": "estate", "period": "1999"}).status_code == 404
    assert client.get("/api/v1/indicators/poverty/breakdown",
                      {"level": "estate", "period": "2025", "audience": "analyst"}
                      ).status_code == 403
