"""Every output file carries the program version, the inputs' versions and the parameters."""

from __future__ import annotations

import csv
import json

import pytest
from django.core.management import call_command

from kooperacja import __version__
from kooperacja.records.services.exports import read_gpkg_metadata, sidecar

pytestmark = pytest.mark.django_db


def check(meta, periods=("2024", "2025"), **parameters):
    assert meta["program"] == "kooperacja" and meta["version"] == __version__
    assert {s["period"] for s in meta["inputs"]["submissions"]} == set(periods)
    assert all(s["imported"] for s in meta["inputs"]["submissions"])
    assert {b["level"] for b in meta["inputs"]["boundaries"]} == {"city", "district", "estate"}
    assert meta["inputs"]["population_years"]["2025"] == 2025
    for key, value in parameters.items():
        assert meta["parameters"][key] == value


def test_it_writes_a_csv_with_a_metadata_sidecar(city, tmp_path):
    out = tmp_path / "poverty.csv"
    call_command("indicators", "--indicator", "poverty", "--level", "estate", "--period", "2025",
                 "--out", str(out))
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["unit_code"] for r in rows] == ["E1", "E2", "E3", "E4"]
    assert rows[3]["numerator"] == "" and rows[3]["reason"] == "fewer than k"
    meta = json.loads(sidecar(out).read_text(encoding="utf-8"))
    check(meta, classification="quantiles", previous_period="2024")
    assert meta["indicator"]["code"] == "poverty" and meta["disclosure"]["k"] == 5


def test_it_writes_geojson_with_metadata(city, tmp_path):
    out = tmp_path / "poverty.geojson"
    call_command("indicators", "--indicator", "poverty", "--level", "district", "--period", "2025",
                 "--audience", "analyst", "--out", str(out))
    body = json.loads(out.read_text(encoding="utf-8"))
    assert len(body["features"]) == 2 and body["features"][0]["geometry"]["type"] == "Polygon"
    check(body["metadata"])
    assert body["metadata"]["disclosure"]["k"] == 3


def test_it_writes_a_geopackage_with_metadata(city, tmp_path):
    from pyogrio import read_dataframe

    out = tmp_path / "hot.gpkg"
    # Analysts: the public sees two of the four estates, too few for hot spots.
    call_command("hotspots", "--indicator", "poverty", "--level", "estate", "--period", "2025",
                 "--permutations", "99", "--seed", "7", "--weights", "rook", "--audience",
                 "analyst", "--out", str(out))
    frame = read_dataframe(out)
    assert list(frame["unit_code"]) == ["E1", "E2", "E3", "E4"]
    assert {"local_i", "p_value", "p_fdr", "cluster"} <= set(frame.columns)
    check(read_gpkg_metadata(out), ["2025"], seed=7, permutations=99, weights="rook", method="lisa")


def test_it_reruns_hot_spots_the_same_with_the_same_seed(city, tmp_path):
    outs = [tmp_path / "a.csv", tmp_path / "b.csv"]
    for out in outs:
        call_command("hotspots", "--indicator", "poverty", "--level", "estate", "--period", "2025",
                     "--method", "gi", "--permutations", "99", "--seed", "3", "--audience",
                     "analyst", "--out", str(out))
    assert outs[0].read_text() == outs[1].read_text()
    assert "gi_z" in outs[0].read_text().splitlines()[0]


def test_it_ranks_units_by_a_weighted_deprivation_index(city, tmp_path):
    from kooperacja.indicators.tests.world import counts, institution

    counts(city, "2025", {"E1": 5, "E2": 5, "E3": 5, "E4": 5}, code="4",
           who=institution("mops2", "mops"))
    out = tmp_path / "dep.csv"
    call_command("deprivation", "--indicators", "poverty,unemployment", "--weights", "2,1",
                 "--level", "district", "--period", "2025", "--audience", "analyst", "--out",
                 str(out))
    rows = {r["unit_code"]: r for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert {rows["D1"]["rank"], rows["D2"]["rank"]} == {"1", "2"}
    meta = json.loads(sidecar(out).read_text(encoding="utf-8"))
    assert meta["parameters"]["weights"] == {"poverty": pytest.approx(2 / 3),
                                             "unemployment": pytest.approx(1 / 3)}
