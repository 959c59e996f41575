"""The street type or a title written after the name."""

from __future__ import annotations

import pytest

from kooperacja.core.addresses import Geocoder, street_key
from kooperacja.democity.address_cases.register import SULECHOW, Register
from kooperacja.democity.address_cases.register import ZIELONA_GORA as ZG


@pytest.mark.parametrize(
    ("text", "locality", "meant"),
    [
        ("Zielone Wzgórza os. 3", None, (ZG, "Zielone Wzgórza", "3")),
        ("Zielone Wzgórza osiedle 5 m. 4", None, (ZG, "Zielone Wzgórza", "5")),
        ("Popiełuszki ks. 3", None, (ZG, "Popiełuszki", "3")),
        ("Kościuszki ul. 3", SULECHOW, (SULECHOW, "Kościuszki", "3")),
        ("Niepodległości al. 3", None, (ZG, "Niepodległości", "3")),
        ("Piłsudskiego marsz. 4", None, (ZG, "Piłsudskiego", "4")),
        ("Maczka gen. 2", None, (ZG, "Maczka", "2")),
    ],
)
def test_it_finds_a_street_with_its_type_or_title_after_the_name(
    geocoder: Geocoder, register: Register, text: str, locality: str | None, meant: tuple
) -> None:
    found = geocoder.match(text, locality)
    assert (found.status, found.row) == ("matched", register.rows[meant])


def test_it_keeps_a_type_word_that_ends_a_name() -> None:
    assert street_key("Stary Rynek").main == "stary rynek"
    assert street_key("Zielone Wzgórza os.").street_type == "os"
