from __future__ import annotations

import numpy as np

from kooperacja.core.addresses import Geocoder
from kooperacja.democity.address_cases.register import SULECHOW, Register


def test_it_matches_each_distinct_address_once(geocoder: Geocoder) -> None:
    addresses = ["Mickiewicza 5", "Bema 4", "Mickiewicza 5", None, "Bema 4"] * 100
    result = geocoder.geocode(addresses)
    assert len(result) == 500
    assert result.n_distinct == 3


def test_it_returns_arrays_parallel_to_the_input(geocoder: Geocoder, register: Register) -> None:
    result = geocoder.geocode(["Bema 4", "Bema 4", "nowhere"], [SULECHOW, None, None])
    assert result.status.tolist() == ["matched", "ambiguous", "unmatched"]
    assert result.row.tolist() == [register.rows[(SULECHOW, "Bema", "4")], -1, -1]
    assert result.score.dtype == np.float32
    assert result.counts() == {"matched": 1, "ambiguous": 1, "street_only": 0, "unmatched": 1}
