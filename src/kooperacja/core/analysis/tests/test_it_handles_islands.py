"""Units without neighbours are reported, left out of the statistics, or attached."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from kooperacja.core.analysis import (
    fdr_adjust,
    getis_ord,
    global_moran,
    local_moran,
    spatial_weights,
)


def _grid_with_an_island() -> list[shapely.Geometry]:
    cells = [shapely.box(i, j, i + 1, j + 1) for j in range(8) for i in range(8)]
    return cells + [shapely.box(20, 20, 21, 21)]


def test_it_reports_islands_and_labels_them():
    weights = spatial_weights(_grid_with_an_island())
    assert weights.islands == (64,)
    values = np.arange(65, dtype=float)
    lisa = local_moran(values, weights, permutations=99)
    assert lisa.cluster[64] == "island" and np.isnan(lisa.p_value[64])
    assert getis_ord(values, weights, permutations=99).cluster[64] == "island"
    assert global_moran(values, weights, permutations=99).n == 64


def test_it_attaches_islands_to_their_nearest_unit_when_asked():
    weights = spatial_weights(_grid_with_an_island(), attach=True)
    assert weights.islands == (64,) and weights.unconnected == ()
    assert local_moran(np.arange(65.0), weights, permutations=99).cluster[64] != "island"


@pytest.mark.parametrize("kind", ["rook", "knn", "distance"])
def test_it_builds_other_kinds_of_neighbours(kind):
    weights = spatial_weights([shapely.box(i, 0, i + 1, 1) for i in range(5)], kind, k=2)
    assert weights.n == 5 and weights.islands == ()


def test_it_refuses_missing_values_with_their_positions():
    weights = spatial_weights([shapely.box(i, 0, i + 1, 1) for i in range(5)])
    with pytest.raises(ValueError, match=r"positions \[2\]"):
        local_moran([1, 2, np.nan, 4, 5], weights, permutations=99)


def test_it_makes_the_same_fdr_decision_as_esda():
    import esda

    p = np.random.default_rng(3).uniform(0, 0.2, 300) ** 2
    threshold = esda.fdr(p, 0.05)
    assert ((fdr_adjust(p) <= 0.05) == (p <= threshold)).all()
