"""A patron written in the nominative finds the register's genitive street."""

from __future__ import annotations

import pytest

from kooperacja.core.addresses import Geocoder
from kooperacja.democity.address_cases.register import SULECHOW, Register
from kooperacja.democity.address_cases.register import ZIELONA_GORA as ZG


@pytest.mark.parametrize(
    ("text", "locality", "meant"),
    [
        ("Słowacki 3", ZG, (ZG, "Słowackiego", "3")),
        ("Juliusz Słowacki 3", SULECHOW, (SULECHOW, "Słowackiego", "3")),
        ("Orzeszkowa 2", None, (ZG, "Orzeszkowej", "2")),
        ("Kościuszko 4 m. 2", ZG, (ZG, "Kościuszki", "4")),
        ("Adam Mickiewicz 5", None, (ZG, "Mickiewicza", "5")),
        ("Maria Konopnicka 4", None, (ZG, "Konopnickiej", "4")),
        ("Chrobry 4", None, (ZG, "Chrobrego", "4")),
        ("gen. Maczek 3", None, (ZG, "Maczka", "3")),
        ("Aleksander Fredro 4", None, (ZG, "Fredry", "4")),
        ("Dąbrowska 2", None, (ZG, "Dąbrowskiej", "2")),
        ("Dąbrowski 2", None, (ZG, "Dąbrowskiego", "2")),
    ],
)
def test_it_finds_the_genitive_street_of_a_nominative_name(
    geocoder: Geocoder, register: Register, text: str, locality: str | None, meant: tuple
) -> None:
    found = geocoder.match(text, locality)
    assert (found.status, found.method) == ("matched", "nominative")
    assert found.row == register.rows[meant]


def test_it_says_ambiguous_for_a_nominative_street_of_two_localities(geocoder: Geocoder) -> None:
    assert geocoder.match("Słowacki 3").status == "ambiguous"


@pytest.mark.parametrize("text", ["Słowacka 3", "Matejkowa 3", "Piastowska 4"])
def test_it_claims_no_street_whose_genitive_is_not_in_the_register(
    geocoder: Geocoder, text: str
) -> None:
    assert geocoder.match(text, ZG).status == "unmatched"
