from __future__ import annotations

import pytest

from kooperacja.core.addresses import parse_address


@pytest.mark.parametrize(
    "text",
    [
        "67-416 Konotop, Podgórna 2",
        "Podgórna 2, 67-416 Konotop",
        "Konotop, ul. Podgórna 2",
        "Podgórna 2 Konotop",
    ],
)
def test_it_finds_the_locality_written_in_the_address_field(text: str) -> None:
    parsed = parse_address(text)
    assert (parsed.street.full, parsed.number, parsed.locality) == ("podgorna", "2", "konotop")


def test_it_finds_the_postcode_in_any_place() -> None:
    assert parse_address("Podgórna 2, 67-416 Konotop").postcode == "67-416"
    assert parse_address("67-416 Konotop ul. Podgórna 2 m. 4").postcode == "67-416"


def test_it_reads_a_village_address_without_a_street() -> None:
    parsed = parse_address("Żubrów nr 21A")
    assert (parsed.street.full, parsed.number) == ("zubrow", "21A")
    assert parse_address("21A").street.full == ""
