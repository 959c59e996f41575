from __future__ import annotations

import numpy as np

from kooperacja.core.addresses import AddressIndex, Geocoder, normalise_number


def test_it_writes_register_numbers_as_the_parser_does() -> None:
    assert [normalise_number(n) for n in ("012 a", "5", "10/12", "0")] == ["12A", "5", "10/12", "0"]


def test_it_writes_every_form_of_a_double_number_alike() -> None:
    forms = ("22/24", "22-24", "22 24", "22 / 24", "022-024")
    assert {normalise_number(n) for n in forms} == {"22/24"}
    assert normalise_number("22 a-24") == "22A/24"


def test_it_treats_empty_and_missing_streets_as_one_village() -> None:
    index = AddressIndex.build(["Kije", "Kije"], ["", None], ["1", "2"])
    assert index.n_streets == 1
    assert Geocoder(index).match("Kije 2").row == 1


def test_it_holds_points_in_flat_arrays() -> None:
    n = 200_000
    names = np.array([f"Ulica {i}" for i in range(2_000)], dtype=object)
    numbers = np.array([str(i) for i in range(1, 101)], dtype=object)
    rows = np.arange(n)
    index = AddressIndex.build(
        np.full(n, "Miasto", dtype=object), names[rows // 100], numbers[rows % 100]
    )
    assert index.n_points == n
    assert index.memory_bytes() <= 24 * n
    assert Geocoder(index).match("Ulica 1234 57").row == 1234 * 100 + 56
