from __future__ import annotations

import datetime
import stat
from pathlib import Path

import pandas as pd
import pytest

from kooperacja.core.submissions import pseudonym
from kooperacja.core.submissions.pseudonym import (
    PseudonymKeyError,
    family,
    load_key,
    person_from_name,
    person_from_pesel,
    persons_from_pesel,
    pseudonymise_records,
)

KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))
BORN = datetime.date(1944, 5, 14)


def test_it_gives_the_same_pseudonym_every_time() -> None:
    assert person_from_pesel(KEY, "44051401359") == person_from_pesel(KEY, "44051401359")
    assert persons_from_pesel(KEY, ["44051401359"]) == [person_from_pesel(KEY, "44051401359")]


def test_it_gives_another_pseudonym_under_another_key() -> None:
    assert person_from_pesel(KEY, "44051401359") != person_from_pesel(OTHER_KEY, "44051401359")
    assert family(KEY, "MOPS", "R1") != family(OTHER_KEY, "MOPS", "R1")


def test_it_never_returns_or_contains_the_input() -> None:
    p = person_from_pesel(KEY, "44051401359")
    assert p != "44051401359"
    assert "44051401359" not in p
    assert len(p) == 32 and int(p, 16) >= 0


def test_it_ignores_case_diacritics_and_spacing_of_names() -> None:
    a = person_from_name(KEY, "Łukasiewicz-Żółć", "Józef", BORN)
    b = person_from_name(KEY, "  LUKASIEWICZ  zolc ", "jozef", BORN)
    assert a == b
    assert a != person_from_name(KEY, "Lukasiewicz Zolc", "Jozef", datetime.date(1944, 5, 15))


def test_it_keeps_pesel_names_and_families_apart() -> None:
    assert family(KEY, "MOPS", "44051401359") != person_from_pesel(KEY, "44051401359")
    assert family(KEY, "MOPS", "R1") != family(KEY, "PUP", "R1")


def test_it_replaces_identity_by_pseudonyms_in_records() -> None:
    records = pd.DataFrame(
        {
            "row": [2, 3],
            "pesel": ["44051401359", ""],
            "surname": ["Kowalska", "Nowak"],
            "first_name": ["Anna", "Jan"],
            "birth_date": pd.to_datetime(pd.Series([None, "1980-01-02"])),
            "family_number": ["R1", ""],
            "street": ["Długa", "Krótka"],
        }
    )
    out = pseudonymise_records(records, KEY, "MOPS")
    assert list(out.columns) == ["row", "person", "family", "street"]
    assert out["person"].tolist() == [
        person_from_pesel(KEY, "44051401359"),
        person_from_name(KEY, "Nowak", "Jan", datetime.date(1980, 1, 2)),
    ]
    assert out["family"].tolist() == [family(KEY, "MOPS", "R1"), None]


def test_it_reads_the_key_from_the_environment() -> None:
    assert load_key({pseudonym.KEY_ENV: KEY.hex()}) == KEY


def test_it_reads_the_key_from_a_file_named_in_the_environment(tmp_path: Path) -> None:
    path = tmp_path / "key"
    path.write_text(KEY.hex() + "\n")
    assert load_key({pseudonym.KEY_ENV + "_FILE": str(path)}) == KEY


def test_it_generates_a_private_key_file_once(tmp_path: Path) -> None:
    path = tmp_path / "secrets" / "pseudonym.key"
    key = load_key({}, path, create=True)
    assert len(key) == 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_key({}, path, create=True) == key


def test_it_refuses_a_short_key() -> None:
    with pytest.raises(PseudonymKeyError, match="at least 64"):
        load_key({pseudonym.KEY_ENV: "abcd"})


def test_it_says_how_to_give_a_missing_key() -> None:
    with pytest.raises(PseudonymKeyError, match=pseudonym.KEY_ENV):
        load_key({})
