from __future__ import annotations

import pytest

from kooperacja.core.addresses import parse_address, street_key


@pytest.mark.parametrize(
    "text",
    ["ul. Gen. Józefa Bema 5", "gen. J. Bema 5", "Generała Bema 5", "BEMA 5", "ul Bema 5"],
)
def test_it_reduces_every_written_form_to_the_main_part(text: str) -> None:
    assert parse_address(text).street.main == "bema"


@pytest.mark.parametrize(
    ("text", "full"),
    [
        ("Trzeciego Maja 5", "3 maja"),
        ("3-go Maja 5", "3 maja"),
        ("Pierwszego Maja 5", "1 maja"),
        ("Dwudziestego Dziewiątego Listopada 5", "29 listopada"),
        ("al. AK 5", "armii krajowej"),
        ("al. JP II 4", "jana pawla ii"),
    ],
)
def test_it_writes_ordinals_and_abbreviations_one_way(text: str, full: str) -> None:
    assert parse_address(text).street.full == full


def test_it_takes_the_street_type_off_a_name_that_carries_it() -> None:
    key = street_key("Plac Wolności")
    assert (key.street_type, key.full) == ("pl", "wolnosci")
    assert street_key("Rynek").full == "rynek"


def test_it_gives_register_street_variants() -> None:
    assert street_key("ul. Tadeusza Kościuszki").variants == ("tadeusza kosciuszki", "kosciuszki")
    assert street_key("ul. Jana III Sobieskiego").main == "sobieskiego"
    assert street_key("al. Jana Pawła II").variants == ("jana pawla ii",)
    assert street_key("ul. Marsz. Józefa Piłsudskiego").main == "pilsudskiego"
