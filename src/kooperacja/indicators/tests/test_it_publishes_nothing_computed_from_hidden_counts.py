"""Swapping hidden counts (keeping every published total) leaves every public output the same.

Each figure the public sees (rates, intervals, smoothed rates, location quotients, change,
classes and legend, hot spots with their statistics, p-values and labels, a unit's series)
must come from the published cells only; otherwise the hidden counts can be solved from it.
"""

from __future__ import annotations

import io
import json
import re

import pytest
from django.core.management import call_command

from kooperacja.indicators.tests.grid import build_grid, import_counts

pytestmark = pytest.mark.django_db

#   D1: 1, 4 hidden (< 5), district hidden to protect D4;  D2: 2 hidden, 9 hidden to protect it;
#   D3: all shown;  D4 = 3 hidden, its estates 1 and 2 hidden, zeros shown.
TRUTH = {"E00": 1, "E01": 4, "E10": 12, "E11": 20, "E02": 2, "E03": 9, "E12": 15, "E13": 30,
         "E20": 0, "E21": 7, "E30": 11, "E31": 25, "E22": 1, "E23": 2, "E32": 0, "E33": 0}
HIDDEN = {"E00", "E01", "E02", "E03", "E22", "E23"}
# The same published cells, other hidden counts: swaps inside districts, and one case moved
# from district D4 to district D1 (both hidden, so the city's total stays as published).
SWAPPED = TRUTH | {"E00": 4, "E01": 1, "E02": 3, "E03": 8, "E22": 2, "E23": 1}
MOVED = TRUTH | {"E00": 2, "E23": 1}
BEFORE = {"E00": 6, "E01": 3, "E10": 10, "E11": 14, "E02": 5, "E03": 5, "E12": 12, "E13": 22,
          "E20": 2, "E21": 5, "E30": 8, "E31": 20, "E22": 0, "E23": 6, "E32": 1, "E33": 0}
VOLATILE = ("created", "exported_at", "id", "imported", "version")


def without_volatile(value):
    """The output minus when it was made and which import run it read (not what it says)."""
    if isinstance(value, dict):
        return {k: without_volatile(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [without_volatile(v) for v in value]
    return value


def public_outputs(client, tmp_path) -> dict[str, str]:
    """Everything an anonymous user can get for poverty 2025: API answers and CLI files."""
    out: dict[str, str] = {}
    requests = [f"values?level={level}&period=2025&classes={classes}"
                for level in ("city", "district", "estate")
                for classes in ("quantiles", "fisher_jenks", "equal_interval")]
    requests += [f"hotspots?level={level}&period=2025&method={method}"
                 for level in ("district", "estate") for method in ("lisa", "gi")]
    requests += ["units/E10?period=2025", "units/D3?period=2025"]
    for request in requests:
        response = client.get(f"/api/v1/indicators/poverty/{request}")
        out[request] = f"{response.status_code} " + json.dumps(
            without_volatile(json.loads(response.content)), sort_keys=True)
    for method in ("lisa", "gi"):
        for smoothed in ([], ["--smoothed"]):
            file = tmp_path / f"hot_{method}{len(smoothed)}.csv"
            call_command("hotspots", "--indicator", "poverty", "--level", "estate", "--period",
                         "2025", "--method", method, "--permutations", "199", *smoothed,
                         "--out", str(file), stdout=io.StringIO(), stderr=io.StringIO())
            out[file.name] = file.read_text(encoding="utf-8")
    for level in ("district", "estate"):
        file = tmp_path / f"values_{level}.geojson"
        call_command("indicators", "--indicator", "poverty", "--level", level, "--period", "2025",
                     "--out", str(file), stdout=io.StringIO())
        out[file.name] = json.dumps(without_volatile(json.loads(file.read_text(encoding="utf-8"))),
                                    sort_keys=True)
    return out


@pytest.fixture
def grid(db, tmp_path):
    units = build_grid()
    import_counts(tmp_path, "2024", BEFORE)
    return units


@pytest.mark.parametrize("other", [SWAPPED, MOVED], ids=["swapped", "moved"])
def test_it_gives_the_public_the_same_outputs_whatever_the_hidden_counts(
    client, grid, tmp_path, other
):
    import_counts(tmp_path, "2025", TRUTH)
    truth = public_outputs(client, tmp_path)
    estates = json.loads(
        truth["values?level=estate&period=2025&classes=quantiles"].split(" ", 1)[1])
    assert {r["unit_code"] for r in estates["values"] if r["hidden"]} == HIDDEN
    shown = [r for r in estates["values"] if not r["hidden"]]
    assert all(r["smoothed"] is not None and r["lq"] is not None for r in shown)
    assert any(r["change"] is not None for r in shown)
    import_counts(tmp_path, "2025", other)
    changed = public_outputs(client, tmp_path)
    assert changed.keys() == truth.keys()
    for name in truth:
        assert changed[name] == truth[name], name


def test_it_gives_hidden_units_no_smoothed_rate_p_value_or_cluster(client, grid, tmp_path):
    import_counts(tmp_path, "2025", TRUTH)
    for method in ("lisa", "gi"):
        rows = client.get("/api/v1/indicators/poverty/hotspots",
                          {"level": "estate", "period": "2025", "method": method}).json()
        for row in rows:
            if row["unit_code"] in HIDDEN:
                assert row["cluster"] == "hidden"
                assert row["p_value"] is None and row["p_fdr"] is None
            else:
                assert row["p_value"] is not None and row["cluster"] not in ("hidden", "no rate")
    values = client.get("/api/v1/indicators/poverty/values",
                        {"level": "estate", "period": "2025"}).json()
    for row in values["values"]:
        if row["unit_code"] in HIDDEN:
            assert row["smoothed"] is None and row["lq"] is None and row["change"] is None
            assert row["klass"] == -1


def test_it_says_why_there_are_no_hot_spots_when_the_published_units_do_not_touch(
    client, grid, tmp_path
):
    from django.core.management.base import CommandError

    # Analysts (k = 3) see the three corners with 10 cases, none touching another.
    corners = {e: 1 for e in TRUTH} | {"E00": 10, "E03": 10, "E30": 10,
                                       "E11": 2, "E13": 2, "E31": 2, "E32": 2, "E33": 2}
    import_counts(tmp_path, "2025", corners)
    with pytest.raises(CommandError, match="(neighbour|sąsiada).*(no hot spots|brak skupisk)"):
        call_command("hotspots", "--indicator", "poverty", "--level", "estate", "--period", "2025",
                     "--audience", "analyst", "--out", str(tmp_path / "hot.csv"),
                     stdout=io.StringIO())
    response = client.get("/api/v1/indicators/poverty/hotspots",
                          {"level": "estate", "period": "2025"})
    assert response.status_code == 404
    assert re.search("(no hot spots|brak skupisk)", response.json()["detail"])
