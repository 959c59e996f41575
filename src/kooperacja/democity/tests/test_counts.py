from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd

from kooperacja.democity import Manifest, build_city


def test_it_has_the_sizes_the_demo_needs(
    manifest: Manifest, addresses: pd.DataFrame, mops_rows: pd.DataFrame, city_dir: Path
) -> None:
    assert 8 <= manifest.files["districts"].rows <= 12
    assert 40 <= manifest.files["estates"].rows <= 60
    assert 15_000 <= len(addresses) <= 25_000
    streets = addresses.loc[addresses["ulica"] != "", ["miejscowosc", "ulica"]].drop_duplicates()
    assert 150 <= len(streets) <= 300
    assert 190_000 <= manifest.city["residents"]["2025"] <= 210_000
    assert 4_000 <= len(mops_rows) <= 6_000
    sheet = openpyxl.load_workbook(city_dir / "pup_2025.xlsx", read_only=True).active
    assert 3_000 <= sheet.max_row - 1 <= 5_000
    assert 90 <= len(pd.read_csv(city_dir / "resources.csv", sep=";")) <= 110


def test_it_lists_every_file_in_the_manifest_with_its_row_count(
    manifest: Manifest, city_dir: Path, addresses: pd.DataFrame, mops_rows: pd.DataFrame
) -> None:
    for info in manifest.files.values():
        assert (city_dir / info.path).exists(), info.path
        for sidecar in info.sidecars:
            assert (city_dir / sidecar).exists(), sidecar
    assert manifest.files["addresses"].rows == len(addresses)
    assert manifest.files["mops"].rows == len(mops_rows)
    assert manifest.files["addresses"].fields == tuple(addresses.columns)
    assert manifest.files["mops"].fields == tuple(mops_rows.columns)


def test_it_keeps_population_consistent_with_the_manifest(
    manifest: Manifest, city_dir: Path
) -> None:
    population = pd.read_csv(city_dir / "population.csv", sep=";", dtype={"unit_code": str})
    assert list(population.columns) == ["unit_code", "year", "sex", "age_band", "count"]
    latest = population[population["year"] == 2025].groupby("unit_code")["count"].sum()
    assert {e["code"]: e["residents"] for e in manifest.estates} == latest.to_dict()
    assert set(population["sex"]) == {"K", "M"}


def test_it_puts_more_residents_where_there_are_more_address_points_in_blocks(
    manifest: Manifest,
) -> None:
    for estate in manifest.estates:
        per_point = estate["residents"] / estate["address_points"]
        assert 1 <= per_point <= 120, estate


def test_it_scales_the_records_but_not_the_city(manifest: Manifest, tmp_path: Path) -> None:
    doubled = build_city(tmp_path, seed=2026, scale=2)
    assert doubled.files["addresses"].rows == manifest.files["addresses"].rows
    assert doubled.city["residents"] == manifest.city["residents"]
    assert 1.8 <= doubled.mops["rows"] / manifest.mops["rows"] <= 2.2
    assert doubled.pup["rows"] == 2 * manifest.pup["rows"]
