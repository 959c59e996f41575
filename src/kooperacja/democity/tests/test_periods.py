"""Three periods: each with its extracts and truth, people who live on, need that moves."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from kooperacja.core.submissions.pesel import birth_date, check, sex
from kooperacja.democity import Manifest
from kooperacja.democity.names import FIRST_NAMES_F

PERIODS = ["2023", "2024", "2025"]


def _mops(city_dir: Path, period: str) -> pd.DataFrame:
    return pd.read_csv(
        city_dir / f"mops_{period}.csv",
        sep=";",
        dtype=str,
        keep_default_na=False,
        encoding="cp1250",
    )


def _pup(city_dir: Path, period: str) -> pd.DataFrame:
    sheet = openpyxl.load_workbook(city_dir / f"pup_{period}.xlsx", read_only=True).active
    header, *rows = sheet.iter_rows(values_only=True)
    return pd.DataFrame(rows, columns=header).fillna("")


def _valid_mops(manifest: Manifest, city_dir: Path, period: str) -> pd.DataFrame:
    bad = [b["data_row"] - 1 for b in manifest.periods[period]["mops"]["bad_rows"]]
    return _mops(city_dir, period).drop(index=bad)


@pytest.fixture(scope="module")
def extracts(manifest: Manifest, city_dir: Path) -> dict[str, tuple[pd.DataFrame, pd.DataFrame]]:
    return {p: (_valid_mops(manifest, city_dir, p), _pup(city_dir, p)) for p in PERIODS}


def test_it_writes_each_periods_extracts_and_population(manifest: Manifest, city_dir: Path) -> None:
    assert list(manifest.periods) == PERIODS == manifest.trend["periods"]
    for period in PERIODS:
        keys = manifest.periods[period]["files"]
        mops, pup = manifest.files[keys["mops"]], manifest.files[keys["pup"]]
        assert (mops.path, pup.path) == (f"mops_{period}.csv", f"pup_{period}.xlsx")
        assert mops.load["period"] == pup.load["period"] == period
        assert mops.rows == len(_mops(city_dir, period)) == manifest.periods[period]["mops"]["rows"]
    # The latest period's extracts keep their keys (and the top-level truth is theirs).
    assert manifest.files["mops"] == manifest.files["mops_2025"]
    assert manifest.mops == manifest.periods["2025"]["mops"]
    assert manifest.overlap == manifest.periods["2025"]["overlap"]
    population = pd.read_csv(city_dir / "population.csv", sep=";", dtype={"unit_code": str})
    assert sorted(population["year"].astype(str).unique()) == PERIODS
    assert manifest.city["residents"] == {p: manifest.periods[p]["residents"] for p in PERIODS}


def test_it_counts_each_period_as_its_files_show(
    manifest: Manifest, extracts: dict[str, tuple[pd.DataFrame, pd.DataFrame]]
) -> None:
    for period, (mops, pup) in extracts.items():
        truth = manifest.periods[period]
        assert sum(e["mops_persons"] for e in truth["estates"]) == len(mops)
        assert sum(d["mops_persons"] for d in truth["districts"]) == len(mops)
        assert sum(e["pup_persons"] for e in truth["estates"]) == len(pup) == truth["pup"]["rows"]
        assert truth["mops"]["valid_rows"] == len(mops)
        assert truth["mops"]["valid_families"] == mops["Nr rodziny"].nunique()
        both = mops.merge(pup, on="PESEL")
        assert truth["overlap"]["city"]["persons_both"] == len(both)
        assert truth["overlap"]["period"] == period
        assert 4_000 <= len(mops) <= 6_000 and len(pup) == 4_000
        assert 300 <= len(both) <= 1_500
        long_term = pup["Kategorie"].str.contains("długotrwale bezrobotni").sum()
        assert truth["pup"]["long_term_unemployed"] == long_term
        assert 0.35 <= long_term / len(pup) <= 0.75  # no jump from one period to the next
        assert all(d.year <= int(period) for d in pup["Data rejestracji"])


def test_some_clients_stay_some_leave_and_new_ones_come(
    manifest: Manifest, extracts: dict[str, tuple[pd.DataFrame, pd.DataFrame]]
) -> None:
    for before, after in zip(PERIODS, PERIODS[1:]):
        for side in (0, 1):
            earlier, later = (
                set(extracts[before][side]["PESEL"]),
                set(extracts[after][side]["PESEL"]),
            )
            stayed = len(later & earlier) / len(later)
            assert 0.4 <= stayed <= 0.9, (before, after, side, stayed)
        continuing = manifest.periods[after]["continuing"]
        assert continuing["from"] == before and continuing["mops_persons"] > 0


def test_a_person_keeps_a_valid_pesel_birth_date_sex_and_name_across_periods(
    extracts: dict[str, tuple[pd.DataFrame, pd.DataFrame]],
) -> None:
    women = {n.upper() for n in FIRST_NAMES_F}
    seen: dict[str, tuple[str, str, str]] = {}
    for period, (mops, pup) in extracts.items():
        for row in mops.itertuples(index=False):
            pesel, surname, first, born = row[0], row[1], row[2], row[3]
            assert check(pesel).valid, pesel
            assert birth_date(pesel).strftime("%d.%m.%Y") == born
            assert (sex(pesel) == "F") == (first.upper() in women), (pesel, first)
            assert int(born[-4:]) <= int(period)
            person = (surname.upper(), first.upper(), born)
            assert seen.setdefault(pesel, person) == person, (period, pesel)
        for pesel, surname, first in zip(pup["PESEL"], pup["Nazwisko"], pup["Imię"]):
            assert check(pesel).valid and (sex(pesel) == "F") == (first.upper() in women)
            if pesel in seen:
                assert seen[pesel][:2] == (surname.upper(), first.upper()), pesel


def test_need_grows_where_it_was_planted_to_and_falls_where_it_was(manifest: Manifest) -> None:
    trend = manifest.trend
    rate = {
        p: {e["code"]: e["mops_per_1000"] for e in manifest.periods[p]["estates"]} for p in PERIODS
    }
    first, last = rate[PERIODS[0]], rate[PERIODS[-1]]
    assert len(trend["grew"]) == len(trend["fell"]) == 2
    for code in trend["grew"]:
        assert last[code] > 1.4 * first[code], code
    for code in trend["fell"]:
        assert last[code] < 0.85 * first[code], code
    change = trend["change"]["mops_per_1000"]
    assert (trend["change"]["from"], trend["change"]["to"]) == (PERIODS[0], PERIODS[-1])
    # Where it grew most has a clear answer: a planted estate, well ahead of the next one.
    top, second = change["grew_most"][:2]
    assert top["code"] in trend["grew"] and top["change"] > 1.5 * second["change"]
    assert top["change"] == pytest.approx(last[top["code"]] - first[top["code"]], abs=0.01)
    assert change["fell_most"][0]["code"] in trend["fell"]


def test_the_hot_spots_stand_out_in_every_period(manifest: Manifest) -> None:
    hot = set(manifest.hot_spots["estates"])
    for period in PERIODS:
        rates = {e["code"]: e["mops_per_1000"] for e in manifest.periods[period]["estates"]}
        hot_rates = [r for c, r in rates.items() if c in hot]
        rest = [r for c, r in rates.items() if c not in hot]
        assert np.mean(hot_rates) > 3 * np.median(rest), period
