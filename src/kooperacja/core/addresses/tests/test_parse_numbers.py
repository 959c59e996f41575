from __future__ import annotations

import pytest

from kooperacja.core.addresses import AMBIGUOUS_NUMBER, NO_NUMBER, parse_address


@pytest.mark.parametrize(
    ("text", "number", "flat"),
    [
        ("Bema 12a/3", "12A", "3"),
        ("Bema 12 A/3", "12A", "3"),
        ("Bema 12 A", "12A", ""),
        ("Bema 5 m. 7", "5", "7"),
        ("Bema 5 m 7", "5", "7"),
        ("Bema 5 m.7", "5", "7"),
        ("Bema 5, m. 7", "5", "7"),
        ("Bema 5 lok. 7", "5", "7"),
        ("Bema nr 5", "5", ""),
        ("Bema 05", "5", ""),
    ],
)
def test_it_reads_building_number_letter_and_flat(text: str, number: str, flat: str) -> None:
    parsed = parse_address(text)
    assert (parsed.number, parsed.flat) == (number, flat)
    assert AMBIGUOUS_NUMBER not in parsed.flags


@pytest.mark.parametrize(
    ("text", "flat"), [("Bema 10/12", "12"), ("Bema 12/4a", "4A"), ("Bema 12 lok. 4", "4")]
)
def test_it_reads_a_slash_as_building_and_flat(text: str, flat: str) -> None:
    parsed = parse_address(text)
    assert (parsed.number, parsed.flat) == (text.split()[1][:2], flat)
    assert AMBIGUOUS_NUMBER not in parsed.flags


@pytest.mark.parametrize(("text", "double"), [("Bema 10/12", True), ("Bema 10-12", True),
                                              ("Bema 12 m. 4", False)])
def test_it_keeps_two_numbers_written_as_one_for_a_double_numbered_point(
    text: str, double: bool
) -> None:
    parsed = parse_address(text)
    assert parsed.double_number is double
    assert parsed.written_number == ("10/12" if double else "12")


def test_it_flags_a_range_of_numbers() -> None:
    assert AMBIGUOUS_NUMBER in parse_address("Bema 10-12").flags


def test_it_does_not_take_a_number_in_the_street_name_for_a_building() -> None:
    for text in ("ul. 3 Maja", "11 Listopada", "1 Pułku Ułanów"):
        parsed = parse_address(text)
        assert parsed.number == ""
        assert NO_NUMBER in parsed.flags


def test_it_reads_the_building_after_a_numbered_street_name() -> None:
    parsed = parse_address("al. 3 Maja 5 m. 2")
    assert (parsed.street.full, parsed.number, parsed.flat) == ("3 maja", "5", "2")
