from __future__ import annotations

import pytest

from kooperacja.core.addresses import AddressIndex, Geocoder


def _index() -> AddressIndex:
    return AddressIndex.build(
        ["Zielona Góra", "Zielona Góra", "Sulechów"],
        ["ul. Bohaterów Westerplatte", "ul. Jedności", "ul. Jedności"],
        ["1", "1", "1"],
    )


def test_it_reuses_an_alias_learnt_in_the_review_queue() -> None:
    index = _index()
    index.add_alias("Armii Czerwonej", "ul. Bohaterów Westerplatte", "Zielona Góra")
    found = Geocoder(index).match("ul. Armii Czerwonej 1")
    assert (found.status, found.method, found.row) == ("matched", "alias", 0)


def test_it_limits_an_alias_to_its_locality() -> None:
    index = _index()
    index.add_alias("Nowotki", "Jedności", "Sulechów")
    assert Geocoder(index).match("Nowotki 1", "Sulechów").row == 2
    assert Geocoder(index).match("Nowotki 1", "Zielona Góra").status == "unmatched"


def test_it_says_when_an_alias_points_nowhere() -> None:
    with pytest.raises(ValueError, match="no street 'Kwiatowa' in Sulechów"):
        _index().add_alias("Kwiatki", "Kwiatowa", "Sulechów")
