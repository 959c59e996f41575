"""2SFCA against values worked out by hand."""

from __future__ import annotations

import numpy as np
import pytest

from kooperacja.core.accessibility import two_step_fca

# Three demand points and two resources on one east-west line (metres):
#   D1 (0) 100   R1 (500) cap 30   D2 (1000) 200   R2 (2500) cap 10   D3 (3000) 50
DEMAND = np.array([[0.0, 0.0], [1000.0, 0.0], [3000.0, 0.0]])
WEIGHT = np.array([100.0, 200.0, 50.0])
RESOURCES = np.array([[500.0, 0.0], [2500.0, 0.0]])
CAPACITY = np.array([30.0, 10.0])


def test_it_equals_the_hand_computed_ratios_and_access():
    # Radius 1500 m reaches R1 from D1 and D2 (500 m each), R2 from D3 (500 m) and from
    # D2 (exactly 1500 m: the radius is inclusive).
    # Step 1: R1 = 30 / (100 + 200) = 0.1;  R2 = 10 / (200 + 50) = 0.04.
    # Step 2: A1 = 0.1;  A2 = 0.1 + 0.04 = 0.14;  A3 = 0.04.
    result = two_step_fca(DEMAND, WEIGHT, RESOURCES, CAPACITY, 1500)
    assert result.demand_in_catchment == pytest.approx([300, 250])
    assert result.ratio == pytest.approx([0.1, 0.04])
    assert result.access == pytest.approx([0.1, 0.14, 0.04])


def test_it_gives_back_the_capacity_that_has_demand_in_reach():
    result = two_step_fca(DEMAND, WEIGHT, RESOURCES, CAPACITY, 1500)
    assert (result.access * WEIGHT).sum() == pytest.approx(CAPACITY.sum())


def test_it_leaves_a_resource_without_demand_in_reach_out():
    # 600 m: R1 serves D1 and D2 (30 / 300), R2 only D3 (10 / 50); nothing is shared.
    result = two_step_fca(DEMAND, WEIGHT, np.vstack([RESOURCES, [[9000.0, 0.0]]]),
                          np.array([30.0, 10.0, 99.0]), 600)
    assert result.ratio[:2] == pytest.approx([0.1, 0.2])
    assert np.isnan(result.ratio[2])
    assert result.access == pytest.approx([0.1, 0.1, 0.2])


def test_it_counts_a_resource_standing_on_a_demand_point():
    result = two_step_fca(DEMAND, WEIGHT, DEMAND[:1], np.array([10.0]), 100)
    assert result.demand_in_catchment == pytest.approx([100])
    assert result.access == pytest.approx([0.1, 0, 0])


def test_it_measures_other_locations_against_the_demand():
    result = two_step_fca(DEMAND, WEIGHT, RESOURCES, CAPACITY, 1500,
                          locations=np.array([[500.0, 0.0], [10_000.0, 0.0]]))
    assert result.access == pytest.approx([0.1, 0.0])
