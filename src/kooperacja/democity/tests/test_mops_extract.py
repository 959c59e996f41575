from __future__ import annotations

import datetime as dt

import pandas as pd
from stdnum.pl import pesel

from kooperacja.democity import Manifest
from kooperacja.democity.codes import MOPS_REASON_OLD_LABELS, MOPS_REASONS


def _known_reason(token: str) -> bool:
    return (
        token in MOPS_REASONS
        or token in MOPS_REASONS.values()
        or token in MOPS_REASON_OLD_LABELS.values()
    )


def _bad(manifest: Manifest, problem: str) -> list[int]:
    return [b["data_row"] for b in manifest.mops["bad_rows"] if b["problem"] == problem]


def test_it_gives_valid_pesels_that_match_birth_date_in_good_rows(
    manifest: Manifest, mops_rows: pd.DataFrame
) -> None:
    bad = set(_bad(manifest, "invalid_pesel"))
    good = mops_rows[~(mops_rows.index + 1).isin(bad)]
    assert all(pesel.is_valid(p) for p in good["PESEL"])
    for p, born in zip(good["PESEL"][::50], good["Data urodzenia"][::50]):
        assert pesel.get_birth_date(p) == dt.datetime.strptime(born, "%d.%m.%Y").date()


def test_it_really_spoils_the_rows_it_records_as_bad(
    manifest: Manifest, mops_rows: pd.DataFrame, addresses: pd.DataFrame
) -> None:
    assert {b["problem"] for b in manifest.mops["bad_rows"]} == {
        "invalid_pesel",
        "unknown_reason",
        "unmatchable_address",
    }
    for row in _bad(manifest, "invalid_pesel"):
        assert not pesel.is_valid(str(mops_rows.at[row - 1, "PESEL"]))
    for row in _bad(manifest, "unknown_reason"):
        spoilt = [t.strip() for t in str(mops_rows.at[row - 1, "Powody"]).split(",")]
        assert not all(_known_reason(t) for t in spoilt)
    streets = set(addresses["ulica"].str.lower())
    for row in _bad(manifest, "unmatchable_address"):
        street = str(mops_rows.at[row - 1, "Adres"]).removeprefix("ul. ").rsplit(" ", 1)[0]
        assert street.lower() not in streets
    good = mops_rows.drop(index=[r - 1 for r in _bad(manifest, "unknown_reason")])
    tokens = {t.strip() for cell in good["Powody"].tolist() for t in str(cell).split(",")}
    assert all(_known_reason(t) for t in tokens)
    assert manifest.mops["valid_rows"] == len(mops_rows) - len(manifest.mops["bad_rows"])


def test_it_writes_reasons_as_codes_labels_and_the_old_label(mops_rows: pd.DataFrame) -> None:
    reasons = mops_rows["Powody"]
    assert reasons.str.fullmatch(r"[0-9a,]+").any()
    assert reasons.str.contains("ubóstwo").any()
    assert reasons.str.contains("przemoc w rodzinie").any()


def test_it_keeps_families_at_one_address(mops_rows: pd.DataFrame, manifest: Manifest) -> None:
    per_family = mops_rows.groupby("Nr rodziny")[["Adres", "Kod pocztowy"]].nunique()
    spoiled = {mops_rows.at[b["data_row"] - 1, "Nr rodziny"] for b in manifest.mops["bad_rows"]}
    assert (per_family.drop(index=list(spoiled)) == 1).all().all()
    assert mops_rows["Nr rodziny"].nunique() == manifest.mops["families"]


def test_it_writes_addresses_the_messy_ways_offices_do(
    mops_rows: pd.DataFrame, manifest: Manifest
) -> None:
    adres = mops_rows["Adres"]
    for pattern in (
        r"^ul\. ",
        r"^ul ",
        r"^UL\. ",
        r" m\. \d",
        r" lok\. \d",
        r"\d/\d",
        r"\bnr \d",
        r"\d\d-\d\d\d",
        r"^[A-ZĄĆĘŁŃÓŚŹŻ0-9 .,/-]+$",
        r"Hutnów, ",
    ):
        assert adres.str.contains(pattern).any(), pattern
    styles = manifest.mops["address_styles"]
    for style in ("no_prefix", "caps", "no_diacritics", "typo", "initials", "postcode_in_field"):
        assert styles[style] > 0, style
