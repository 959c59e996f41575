"""Nearest-resource allocation and distances against values worked out by hand."""

from __future__ import annotations

import numpy as np
import pytest

from kooperacja.core.accessibility import (
    DETOUR_FACTOR,
    allocate_nearest,
    count_within,
    nearest,
    to_metric,
    to_wgs84,
    walking_m,
)

DEMAND = np.array([[0.0, 0.0], [1000.0, 0.0], [3000.0, 0.0], [2000.0, 1000.0]])
WEIGHT = np.array([100.0, 200.0, 50.0, 7.0])
RESOURCES = np.array([[500.0, 0.0], [2500.0, 0.0]])


def test_it_allocates_each_point_to_its_nearest_resource():
    # D1 → R1 (500 m), D2 → R1 (500 m vs 1500 m), D3 → R2 (500 m),
    # D4 (2000, 1000) → R2 (√(500²+1000²) ≈ 1118 m vs √(1500²+1000²) ≈ 1803 m).
    allocated = allocate_nearest(DEMAND, WEIGHT, RESOURCES)
    assert allocated == pytest.approx([300, 57])
    assert allocated.sum() == pytest.approx(WEIGHT.sum())


def test_it_allocates_nothing_without_resources():
    assert allocate_nearest(DEMAND, WEIGHT, np.zeros((0, 2))).shape == (0,)


def test_it_finds_the_nearest_distances_and_counts_within_a_radius():
    found = nearest(DEMAND, RESOURCES)
    assert found.distance_m[:, 0] == pytest.approx([500, 500, 500, np.hypot(500, 1000)])
    assert found.index[:, 0].tolist() == [0, 0, 1, 1]
    assert count_within(DEMAND, RESOURCES, 1500).tolist() == [1, 2, 1, 1]


def test_it_reports_infinity_when_there_is_no_resource():
    found = nearest(DEMAND, np.zeros((0, 2)))
    assert np.isinf(found.distance_m).all() and (found.index == -1).all()
    assert count_within(DEMAND, np.zeros((0, 2)), 100).tolist() == [0, 0, 0, 0]


def test_it_approximates_walking_with_the_detour_factor():
    assert DETOUR_FACTOR == 1.3
    assert walking_m(1000) == pytest.approx(1300)


def test_it_measures_metres_in_puwg_1992():
    # Podgórna 2 in Konotop (PRG sample): 287772.37 E, 456005.14 N in EPSG:2180.
    lon, lat = to_wgs84(np.array([[287772.37, 456005.14]]), "EPSG:2180")
    assert (lon[0], lat[0]) == pytest.approx((15.912, 51.930), abs=0.001)
    back = to_metric(lon, lat, "EPSG:2180")
    assert back[0] == pytest.approx([287772.37, 456005.14], abs=0.01)
    east = to_metric(lon + 0.01, lat, "EPSG:2180")
    # 0.01° of longitude at 51.93° N is 111.32 km × cos(51.93°) / 100 ≈ 686 m.
    assert np.hypot(*(east[0] - back[0])) == pytest.approx(686, rel=0.005)
