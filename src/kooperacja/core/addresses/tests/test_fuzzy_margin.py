"""A typing-error match needs the number on the street and no rival street close by;
names sharing a stem with a register street are other streets."""

from __future__ import annotations

import pytest

from kooperacja.core.addresses import Geocoder
from kooperacja.democity.address_cases.register import SULECHOW, Register
from kooperacja.democity.address_cases.register import ZIELONA_GORA as ZG


@pytest.mark.parametrize(
    "text",
    ["Matejkówka 3", "Wiślana 3", "Wiejskie 2", "Piastowska 4", "Lipowska 3", "Słowacka 3",
     "Ogrodników 2", "Kościuszkowców 3", "Pocztowa 3"],
)
def test_it_does_not_jump_to_a_street_that_merely_shares_a_stem(
    geocoder: Geocoder, text: str
) -> None:
    found = geocoder.match(text, ZG)
    assert (found.status, found.row) == ("unmatched", -1)


def test_it_still_forgives_one_typing_error(geocoder: Geocoder, register: Register) -> None:
    found = geocoder.match("Kopernka 6")
    assert (found.status, found.method) == ("matched", "fuzzy")
    assert found.row == register.rows[(ZG, "Kopernika", "6")]


def test_it_leaves_unmatched_a_typo_close_to_two_streets_and_offers_both(
    geocoder: Geocoder, register: Register
) -> None:
    # One edit from Głowackiego, two from Słowackiego.
    found = geocoder.match("Głowackigo 3")
    assert (found.status, found.method) == ("unmatched", "near_streets")
    offered = {register.rows[(place, street, "3")] for place, street in
               [(ZG, "Głowackiego"), (ZG, "Słowackiego"), (SULECHOW, "Słowackiego")]}
    assert set(geocoder.candidates("Głowackigo 3")) == offered
    assert geocoder.candidates("Głowackigo 3", ZG) == [
        register.rows[(ZG, "Głowackiego", "3")], register.rows[(ZG, "Słowackiego", "3")]]


def test_it_lets_the_first_name_written_decide_between_close_surnames(
    geocoder: Geocoder, register: Register
) -> None:
    found = geocoder.match("Bartosza Gowackiego 3")
    assert (found.status, found.row) == ("matched", register.rows[(ZG, "Głowackiego", "3")])
