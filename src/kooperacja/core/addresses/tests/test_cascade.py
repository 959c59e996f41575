from __future__ import annotations

import pytest

from kooperacja.core.addresses import Geocoder
from kooperacja.core.addresses.tests.register import KIJE, ZIELONA_GORA, Register


@pytest.mark.parametrize(
    ("text", "method"),
    [
        ("ul. Adama Mickiewicza 5", "exact"),
        ("Mickiewicza 5", "variant"),
        ("gen. J. Bema 5", "variant"),
        ("Mickiewcza 5", "fuzzy"),
        ("Kije 5", "locality_number"),
    ],
)
def test_it_says_which_step_matched(geocoder: Geocoder, text: str, method: str) -> None:
    locality = ZIELONA_GORA if "Bema" in text else None
    found = geocoder.match(text, locality)
    assert (found.status, found.method) == ("matched", method)


def test_it_reports_the_street_when_the_number_is_not_on_it(geocoder: Geocoder) -> None:
    found = geocoder.match("Mickiewicza 999")
    assert (found.status, found.row) == ("street_only", -1)


def test_it_reports_the_street_when_no_number_is_written(geocoder: Geocoder) -> None:
    assert geocoder.match("ul. Mickiewicza").status == "street_only"


def test_it_does_not_guess_between_a_double_numbered_building_and_a_flat(register: Register) -> None:
    assert (ZIELONA_GORA, "Mickiewicza", "7") in register.rows
    found = Geocoder(register.index()).match("Mickiewicza 5/7")
    assert (found.status, found.method) == ("ambiguous", "ambiguous_number")
    assert Geocoder(register.index()).match("Mickiewicza 5-7").status == "ambiguous"


@pytest.mark.parametrize("flat", ["3", "1", "999"])
def test_it_reads_other_slashed_numbers_as_building_and_flat(register: Register, flat: str) -> None:
    found = Geocoder(register.index()).match(f"Mickiewicza 5/{flat}")
    assert (found.status, found.row) == ("matched", register.rows[(ZIELONA_GORA, "Mickiewicza", "5")])
    assert found.score <= 0.95


def test_it_takes_the_building_of_a_slashed_number_when_told_to(register: Register) -> None:
    geocoder = Geocoder(register.index(), ambiguous_numbers="first_building")
    found = geocoder.match("Mickiewicza 5/3")
    assert found.row == register.rows[(ZIELONA_GORA, "Mickiewicza", "5")]


def test_it_fuzzy_matches_only_streets_that_have_the_number(register: Register) -> None:
    geocoder = Geocoder(register.index())
    top = max(int(n) for n in register.numbers[(ZIELONA_GORA, "Mickiewicza")] if n.isdigit())
    assert geocoder.match(f"Mickiewcza {top + 1}").row == -1


def test_it_calls_a_typo_between_two_real_streets_ambiguous(geocoder: Geocoder) -> None:
    # "Słowackeigo" is one swap from Słowackiego and two edits from Głowackiego.
    assert geocoder.match("Słowackeigo 5", ZIELONA_GORA).status == "ambiguous"


def test_it_does_not_fuzzy_match_short_names(geocoder: Geocoder) -> None:
    # Four letters leave no room for a typo: "Pona" could be Polna or Pola.
    assert geocoder.match("Pona 3").status == "unmatched"


def test_it_matches_a_village_address_from_locality_and_number(
    geocoder: Geocoder, register: Register
) -> None:
    assert geocoder.match("7", KIJE).row == register.rows[(KIJE, KIJE, "7")]
    assert geocoder.match("Kije nr 7").row == register.rows[(KIJE, KIJE, "7")]
