from __future__ import annotations

import numpy as np
import pytest

from kooperacja.core.analysis import deprivation_index


def test_it_ranks_the_most_deprived_unit_first():
    index = deprivation_index(
        {"poverty": [10, 20, 30], "employment": [70, 60, 50]},
        weights={"poverty": 2, "employment": 1},
        directions={"employment": -1},
    )
    assert index.rank.tolist() == [3, 2, 1]
    assert index.weights == pytest.approx({"poverty": 2 / 3, "employment": 1 / 3})
    np.testing.assert_allclose(index.z.mean(axis=0), 0, atol=1e-12)


def test_it_gives_no_index_to_a_unit_missing_an_indicator():
    index = deprivation_index({"a": [1, 2, np.nan], "b": [3, 1, 2]})
    assert np.isnan(index.index[2]) and index.rank[2] == 0


def test_it_refuses_an_indicator_that_cannot_rank():
    with pytest.raises(ValueError, match="same value in every unit"):
        deprivation_index({"a": [1, 1, 1]})


def test_it_refuses_negative_weights():
    with pytest.raises(ValueError, match="directions"):
        deprivation_index({"a": [1, 2], "b": [2, 1]}, weights={"a": 1, "b": -1})
