"""The default distance band (the largest nearest-neighbour distance) leaves no unit out."""

from __future__ import annotations

import numpy as np
import shapely
from libpysal.weights import min_threshold_distance

from kooperacja.core.analysis import spatial_weights


def test_no_unit_is_left_without_neighbours_in_any_of_many_layouts():
    rng = np.random.default_rng(0)
    for _ in range(200):
        # 30 estates scattered over 20 km of a city, in metres of a projected plane.
        points = rng.uniform(0, 20_000, (30, 2)) + (400_000, 500_000)
        weights = spatial_weights(shapely.points(points), "distance")
        assert weights.islands == () and weights.unconnected == ()
        assert weights.parameter == min_threshold_distance(points)
