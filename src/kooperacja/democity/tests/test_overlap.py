from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd

from kooperacja.democity import Manifest


def _pup(city_dir: Path) -> pd.DataFrame:
    sheet = openpyxl.load_workbook(city_dir / "pup_2025.xlsx", read_only=True).active
    header, *rows = sheet.iter_rows(values_only=True)
    return pd.DataFrame(rows, columns=header).fillna("")


def test_it_writes_a_pup_sheet_with_text_pesels_and_dates(city_dir: Path) -> None:
    pup = _pup(city_dir)
    assert list(pup.columns) == [
        "PESEL",
        "Nazwisko",
        "Imię",
        "Adres",
        "Miejscowość",
        "Kategorie",
        "Instrumenty",
        "Data rejestracji",
    ]
    assert all(isinstance(p, str) and len(p) == 11 for p in pup["PESEL"])
    assert pup["PESEL"].str.startswith("0").any()
    assert all(d.year <= 2025 for d in pup["Data rejestracji"])
    assert pup["Kategorie"].str.contains("długotrwale bezrobotni").any()
    assert pup["Instrumenty"].str.contains("staż").any()


def test_it_records_the_overlap_that_the_files_contain(
    manifest: Manifest, mops_rows: pd.DataFrame, city_dir: Path
) -> None:
    pup = _pup(city_dir)
    bad = [b["data_row"] - 1 for b in manifest.mops["bad_rows"]]
    mops = mops_rows.drop(index=bad)
    both = mops.merge(pup, on="PESEL", suffixes=("_mops", "_pup"))
    mapping = manifest.overlap["instrument_types"]["training"]

    def has(cell: str, values: list[str]) -> bool:
        return bool({v.strip() for v in cell.split(",")} & set(values))

    trained = both[
        both["Formy pomocy"].map(lambda c: has(c, mapping["mops"]))
        & both["Instrumenty"].map(lambda c: has(c, mapping["pup"]))
    ]
    assert manifest.overlap["city"] == {"persons_both": len(both), "same_training": len(trained)}
    assert 300 <= len(both) <= 1500 and len(trained) >= 30
    by_district = manifest.overlap["by_district"].values()
    assert sum(d["persons_both"] for d in by_district) == len(both)
    assert sum(d["same_training"] for d in by_district) == len(trained)
    assert (both["Nazwisko_mops"].str.upper() == both["Nazwisko_pup"].str.upper()).all()
