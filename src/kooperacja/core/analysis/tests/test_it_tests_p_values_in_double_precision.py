"""A unit whose pseudo p-value is exactly alpha is significant (esda's Gi* returns float32
p-values, in which 5/100 is 0.0500000007)."""

from __future__ import annotations

import numpy as np
import shapely

from kooperacja.core.analysis import getis_ord, local_moran, spatial_weights
from kooperacja.core.analysis.spatial import stable_permutations


def _grid(n: int = 12) -> list[shapely.Geometry]:
    return [shapely.box(i, j, i + 1, j + 1) for j in range(n) for i in range(n)]


def test_it_labels_a_gi_star_unit_at_exactly_p_005_as_a_hot_or_cold_spot():
    weights = spatial_weights(_grid(), "queen")
    values = np.random.default_rng(5).gamma(2.0, 10.0, 144)
    result = getis_ord(values, weights, permutations=99, seed=1, fdr=False)
    at_alpha = result.p_value == 0.05
    assert at_alpha.any(), "no unit at exactly p = 0.05 with this seed"
    assert set(result.cluster[at_alpha]) <= {"hot", "cold"}
    assert result.p_value.dtype == np.float64


def test_it_gives_p_values_as_whole_counts_over_permutations_plus_one():
    weights = spatial_weights(_grid(), "queen")
    values = np.random.default_rng(6).gamma(2.0, 10.0, 144)
    for result in (getis_ord(values, weights, permutations=99, seed=2),
                   local_moran(values, weights, permutations=99, seed=2)):
        counts = np.round(result.p_value * 100)
        assert np.all(result.p_value == counts / 100)  # 5/100 is the double 0.05, and so on


def test_it_asks_for_twenty_permutations_per_unit_for_a_seed_free_fdr_map():
    assert stable_permutations(50) == 999
    assert stable_permutations(3200) == 63999
    assert (stable_permutations(3200) + 1) * 0.05 >= 3200
