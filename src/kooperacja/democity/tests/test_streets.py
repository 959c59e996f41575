from __future__ import annotations

import pandas as pd

from kooperacja.democity import Manifest


def test_it_shares_one_street_name_between_two_localities(
    addresses: pd.DataFrame, manifest: Manifest
) -> None:
    localities = addresses[addresses["ulica"] != ""].groupby("ulica")["miejscowosc"].nunique()
    shared = sorted(localities[localities > 1].index)
    assert shared == [s["name"] for s in manifest.city["shared_street_names"]] == ["Lipowa"]
    lipowa = addresses[addresses["ulica"] == "Lipowa"]
    assert lipowa["teryt_ulica"].nunique() == 1
    assert lipowa.groupby("miejscowosc")["teryt_miejscowosc"].nunique().eq(1).all()


def test_it_has_a_village_with_streetless_addresses(
    addresses: pd.DataFrame, manifest: Manifest
) -> None:
    (village,) = manifest.city["streetless_localities"]
    rows = addresses[addresses["miejscowosc"] == village]
    assert len(rows) > 50
    assert (rows["ulica"] == "").all() and (rows["teryt_ulica"] == "").all()
    assert rows["numer_porzadkowy"].is_unique


def test_it_numbers_houses_uniquely_per_street_with_some_letters(addresses: pd.DataFrame) -> None:
    keys = addresses[["miejscowosc", "ulica", "numer_porzadkowy"]]
    assert not keys.duplicated().any()
    assert 0.01 < addresses["numer_porzadkowy"].str.contains("[A-Z]").mean() < 0.1


def test_it_puts_odd_and_even_numbers_on_long_streets(addresses: pd.DataFrame) -> None:
    numbers = addresses.loc[addresses["ulica"] == "Tadeusza Kościuszki", "numer_porzadkowy"]
    digits = numbers.str.extract(r"(\d+)")[0].astype(int)
    assert (digits % 2 == 1).any() and (digits % 2 == 0).any() and digits.max() > 50
