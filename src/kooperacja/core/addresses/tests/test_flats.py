"""A flat after a slash is read as a flat, unless the register numbers a point that way."""

from __future__ import annotations

import pytest

from kooperacja.core.addresses import AddressIndex, Geocoder


@pytest.fixture(scope="module")
def even_side() -> tuple[Geocoder, list[str]]:
    """Długa with only even numbers 2-40 on one side, and Narożna with double numbers."""
    numbers = [str(n) for n in range(2, 41, 2)]
    doubles = ["10/12", "14-16", "18 20", "22A/24"]
    streets = ["ul. Długa"] * len(numbers) + ["ul. Narożna"] * (len(numbers) + len(doubles))
    written = numbers + numbers + doubles
    index = AddressIndex.build(["Miasto"] * len(written), streets, written)
    return Geocoder(index), [f"{s} {n}" for s, n in zip(streets, written)]


def point(found, points: list[str]) -> str:
    assert found.status == "matched", found
    return points[found.row]


@pytest.mark.parametrize(
    "text",
    ["Długa 22/24", "ul. Długa 22 / 24", "Długa 22 m. 24", "Długa 22 m 24", "Długa 22 lok. 24",
     "Długa 22/24a", "DŁUGA 22/4", "Długa 22, m. 24", "Długa nr 22/24"],
)
def test_it_reads_a_flat_whose_number_is_also_a_building_as_a_flat(even_side, text: str) -> None:
    geocoder, points = even_side
    assert point(geocoder.match(text), points) == "ul. Długa 22"


@pytest.mark.parametrize(
    ("text", "meant"),
    [("Narożna 10/12", "10/12"), ("Narożna 10-12", "10/12"), ("Narożna 14/16", "14-16"),
     ("Narożna 14-16", "14-16"), ("Narożna 18/20", "18 20"), ("Narożna 22a/24", "22A/24")],
)
def test_it_takes_the_double_numbered_point_the_register_holds(
    even_side, text: str, meant: str
) -> None:
    geocoder, points = even_side
    assert point(geocoder.match(text), points) == f"ul. Narożna {meant}"


def test_it_reads_a_flat_marker_as_a_flat_even_beside_a_double_numbered_point(even_side) -> None:
    geocoder, points = even_side
    assert point(geocoder.match("Narożna 10 m. 12"), points) == "ul. Narożna 10"


def test_it_claims_no_building_for_a_range_the_register_does_not_hold(even_side) -> None:
    geocoder, _ = even_side
    found = geocoder.match("Długa 22-24")
    assert (found.status, found.method, found.row) == ("ambiguous", "ambiguous_number", -1)


def test_it_takes_the_first_building_of_a_range_when_told_to(even_side) -> None:
    geocoder, points = even_side
    first = Geocoder(geocoder.index, ambiguous_numbers="first_building")
    found = first.match("Długa 22-24")
    assert point(found, points) == "ul. Długa 22" and found.score <= 0.95


def test_it_does_not_put_a_flat_in_a_building_that_does_not_exist(even_side) -> None:
    geocoder, _ = even_side
    assert geocoder.match("Długa 23/24").status == "street_only"
