from __future__ import annotations

import pytest

from kooperacja.core.addresses import Geocoder
from kooperacja.democity.address_cases.register import KIJE, ZIELONA_GORA, Register


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


def test_it_fuzzy_matches_only_streets_that_have_the_number(register: Register) -> None:
    geocoder = Geocoder(register.index())
    top = max(int(n) for n in register.numbers[(ZIELONA_GORA, "Mickiewicza")] if n.isdigit())
    assert geocoder.match(f"Mickiewcza {top + 1}").row == -1


def test_it_leaves_a_typo_between_two_real_streets_unmatched(geocoder: Geocoder) -> None:
    # "Słowackeigo" is one swap from Słowackiego and two edits from Głowackiego.
    found = geocoder.match("Słowackeigo 5", ZIELONA_GORA)
    assert (found.status, found.method, found.row) == ("unmatched", "near_streets", -1)


def test_it_does_not_fuzzy_match_short_names(geocoder: Geocoder) -> None:
    # Four letters leave no room for a typo: "Pona" could be Polna or Pola.
    assert geocoder.match("Pona 3").status == "unmatched"


def test_it_matches_a_village_address_from_locality_and_number(
    geocoder: Geocoder, register: Register
) -> None:
    assert geocoder.match("7", KIJE).row == register.rows[(KIJE, KIJE, "7")]
    assert geocoder.match("Kije nr 7").row == register.rows[(KIJE, KIJE, "7")]
