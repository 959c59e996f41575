"""Names written with initials or words cut short with a dot."""

from __future__ import annotations

import pytest

from kooperacja.core.addresses import Geocoder
from kooperacja.democity.address_cases.register import SULECHOW, Register
from kooperacja.democity.address_cases.register import ZIELONA_GORA as ZG


@pytest.mark.parametrize(
    ("text", "locality", "meant"),
    [
        ("W. Polskiego 4", None, (ZG, "Wojska Polskiego", "4")),
        ("Wojsk. Polskiego 3 m. 2", None, (ZG, "Wojska Polskiego", "3")),
        ("A. Krajowej 5", ZG, (ZG, "Armii Krajowej", "5")),
        ("Armii Kraj. 4", SULECHOW, (SULECHOW, "Armii Krajowej", "4")),
        ("Kościuszk. 3", ZG, (ZG, "Kościuszki", "3")),
        ("T. Kościuszk. 2", SULECHOW, (SULECHOW, "Kościuszki", "2")),
        ("Piłsudsk. 4", None, (ZG, "Piłsudskiego", "4")),
        ("Marsz. J. Piłsudsk. 4/2", None, (ZG, "Piłsudskiego", "4")),
        ("Bol. Krzywoustego 2", None, (ZG, "Krzywoustego", "2")),
    ],
)
def test_it_finds_a_name_written_short(
    geocoder: Geocoder, register: Register, text: str, locality: str | None, meant: tuple
) -> None:
    found = geocoder.match(text, locality)
    assert (found.status, found.row) == ("matched", register.rows[meant])


@pytest.mark.parametrize(("text", "locality"), [("Dąbrowsk. 2", None), ("Słow. 3", ZG),
                                                ("Ogrod. 3", None)])
def test_it_leaves_unmatched_a_short_name_two_streets_start_with(
    geocoder: Geocoder, text: str, locality: str | None
) -> None:
    found = geocoder.match(text, locality)
    assert (found.status, found.method) == ("unmatched", "near_streets")


def test_it_claims_nothing_for_an_initial_that_fits_no_word(geocoder: Geocoder) -> None:
    assert geocoder.match("W. Krajowej 3", ZG).status == "unmatched"


def test_it_offers_the_streets_a_short_name_may_mean(
    geocoder: Geocoder, register: Register
) -> None:
    rows = geocoder.candidates("Dąbrowsk. 2")
    assert sorted(rows) == sorted(
        [register.rows[(ZG, "Dąbrowskiego", "2")], register.rows[(ZG, "Dąbrowskiej", "2")]]
    )
