from __future__ import annotations

import datetime

import pytest

from kooperacja.core.submissions.codelists import Code, CodeBook, CodeListError, load_seed
from kooperacja.core.submissions.periods import parse_period

BOOK = CodeBook.seed()


def test_it_ships_the_lists_the_offices_use() -> None:
    assert set(BOOK.lists) == {
        "mops_reason",
        "mops_support",
        "pup_category",
        "pup_instrument",
        "instrument_type",
    }
    reasons = [c.code for c in BOOK.codes if c.code_list == "mops_reason"]
    assert reasons == [str(n) for n in range(1, 8)] + ["7a"] + [str(n) for n in range(8, 16)]


def test_it_maps_the_old_label_of_domestic_violence_to_7() -> None:
    code = BOOK.lookup("mops_reason", "Przemoc w rodzinie")
    assert code is not None and code.code == "7" and code.label_pl == "przemoc domowa"


def test_it_labels_every_code_in_polish_and_english_with_ascii_codes() -> None:
    for code in BOOK.codes:
        assert code.label_pl and code.label_en
        assert code.code.isascii() and code.code == code.code.lower()


def test_it_maps_support_forms_and_instruments_only_to_known_instrument_types() -> None:
    kinds = {c.code for c in BOOK.codes if c.code_list == "instrument_type"}
    assert kinds == {"training", "traineeship", "public_work", "counselling", "financial_support"}
    for name in ("mops_support", "pup_instrument"):
        mapped = BOOK.instrument_types(name)
        assert set(mapped.values()) <= kinds
    assert BOOK.instrument_types("mops_support")["prace_spolecznie_uzyteczne"] == "public_work"
    assert BOOK.instrument_types("pup_instrument")["staz"] == "traineeship"


def test_it_keeps_validity_dates() -> None:
    under_25 = BOOK.lookup("pup_category", "do 25 roku życia")
    assert under_25 is not None and under_25.valid_to == datetime.date(2014, 5, 26)
    assert under_25.valid_in(parse_period("2014"))
    assert not under_25.valid_in(parse_period("2025"))


def test_it_refuses_an_alias_that_means_two_codes() -> None:
    with pytest.raises(CodeListError, match="'Choroba' would mean both"):
        CodeBook(
            [
                Code("x", "1", "a", "a", aliases=("choroba",)),
                Code("x", "2", "b", "b", aliases=("Choroba",)),
            ]
        )


def test_it_loads_the_raw_seed_for_a_migration() -> None:
    data = load_seed()
    assert data["mops_reason"]["codes"][6]["aliases"][0] == "przemoc w rodzinie"
