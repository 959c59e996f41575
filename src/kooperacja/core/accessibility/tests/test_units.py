"""Access per unit from address points and their residents; the gap score."""

from __future__ import annotations

import numpy as np
import pytest

from kooperacja.core.accessibility import gap_score, spread_residents, unit_access, zscore


def test_it_spreads_a_units_residents_evenly_over_its_points():
    residents = spread_residents(np.array([0, 0, 1, -1, 1, 1]), np.array([100.0, 30.0, 5.0]))
    assert residents == pytest.approx([50, 50, 10, 0, 10, 10])


def test_it_weights_distances_by_residents():
    # Unit 0: points at 100 m (90 residents) and 1100 m (10) from the only resource.
    points = np.array([[100.0, 0.0], [1100.0, 0.0], [0.0, 5000.0]])
    access = unit_access(points, np.array([0, 0, 1]), np.array([90.0, 10.0, 40.0]), 2,
                         np.array([[0.0, 0.0]]), np.array([20.0]), 1000)
    assert access.residents == pytest.approx([100, 40])
    assert access.distance_m == pytest.approx([0.9 * 100 + 0.1 * 1100, 5000])
    assert access.within == pytest.approx([0.9, 0])
    # 2SFCA: 20 places for the 90 residents within 1000 m; only they have access.
    assert access.access_2sfca == pytest.approx([0.9 * 20 / 90, 0])


def test_it_scores_the_gap_as_need_minus_access_in_standard_deviations():
    gap = gap_score(np.array([10.0, 20.0, 30.0]), np.array([3.0, 2.0, 1.0]))
    z = np.sqrt(1.5)  # (30 − 20) / √(200 / 3)
    assert gap.z_need == pytest.approx([-z, 0, z])
    assert gap.score == pytest.approx([-2 * z, 0, 2 * z])
    assert gap.high_need_low_access.tolist() == [False, False, True]


def test_it_reads_equal_need_as_lack_of_access_alone():
    gap = gap_score(np.array([5.0, 5.0, 5.0, 5.0]), np.array([1.0, 1.0, 1.0, 0.0]))
    assert gap.z_need.tolist() == [0, 0, 0, 0]
    assert gap.high_need_low_access.tolist() == [False, False, False, True]


def test_it_keeps_missing_values_out_of_the_standardisation():
    assert zscore(np.array([1.0, np.nan, 3.0])) == pytest.approx([-1, np.nan, 1], nan_ok=True)
