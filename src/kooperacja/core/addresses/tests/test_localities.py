from __future__ import annotations

from kooperacja.core.addresses import AddressIndex, Geocoder
from kooperacja.democity.address_cases.register import SULECHOW, ZIELONA_GORA, Register


def test_it_calls_a_street_of_two_localities_ambiguous_without_a_locality(
    geocoder: Geocoder,
) -> None:
    found = geocoder.match("Bema 4")
    assert (found.status, found.row) == ("ambiguous", -1)


def test_it_lets_the_locality_column_decide(geocoder: Geocoder, register: Register) -> None:
    assert geocoder.match("Bema 4", SULECHOW).row == register.rows[(SULECHOW, "Bema", "4")]
    assert geocoder.match("Bema 4", ZIELONA_GORA).row == register.rows[(ZIELONA_GORA, "Bema", "4")]


def test_it_lets_the_locality_in_the_field_decide(geocoder: Geocoder, register: Register) -> None:
    want = register.rows[(SULECHOW, "Bema", "4")]
    assert geocoder.match("Sulechów, Bema 4").row == want
    assert geocoder.match("Bema 4, 66-100 Sulechów").row == want
    assert geocoder.match("66-100 Sulechów ul. Bema 4").row == want


def test_it_does_not_let_a_typo_pick_the_locality_where_the_number_exists(
    geocoder: Geocoder,
) -> None:
    # Sulechów's Armii Krajowej may lack the number, but the writer did not say where.
    assert geocoder.match("Armii Krajoej 40").status != "matched"


def test_it_refuses_a_locality_outside_the_register(geocoder: Geocoder) -> None:
    assert geocoder.match("Bema 4", "Warszawa").method == "unknown_locality"
    assert geocoder.match("Bema 4, 00-950 Warszawa").method == "unknown_locality"


def test_it_tolerates_a_typo_in_the_locality(geocoder: Geocoder, register: Register) -> None:
    assert geocoder.match("Bema 4", "Sulechw").row == register.rows[(SULECHOW, "Bema", "4")]


def test_it_uses_the_postcode_when_no_locality_is_written() -> None:
    index = AddressIndex.build(
        ["Nowa Wieś", "Nowa Wieś"],
        ["Lipowa", "Lipowa"],
        ["1", "1"],
        locality_id=["0000001", "0000002"],
        postcode=["11-111", "22-222"],
    )
    geocoder = Geocoder(index)
    assert geocoder.match("Lipowa 1", "Nowa Wieś").status == "ambiguous"
    assert geocoder.match("Lipowa 1, 22-222 Nowa Wieś").row == 1


def test_it_reads_a_postcode_and_locality_written_before_the_street(
    geocoder: Geocoder, register: Register
) -> None:
    want = register.rows[(SULECHOW, "Bema", "2")]
    assert geocoder.match("66-100 Sulechów, Bema 2").row == want
    assert geocoder.match("66100 Sulechów, ul. Bema 2 m. 4").row == want
    assert geocoder.match("00-950 Warszawa, Bema 2").status == "unmatched"
