"""The locator gives each point the same polygon as testing it against every polygon."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from kooperacja.core import locate
from kooperacja.core.locate import PolygonLocator


def by_hand(polygons: list[shapely.Geometry], x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The first polygon each point intersects, testing every pair."""
    found = np.full(len(x), -1)
    points = shapely.points(x, y)
    for index in reversed(range(len(polygons))):
        found[shapely.intersects(polygons[index], points)] = index
    return found


def districts() -> list[shapely.Geometry]:
    """Neighbours sharing edges, one with a hole and another inside that hole, a concave
    one, a multipolygon and one overlapping another; with a gap between some."""
    square = shapely.box(0, 0, 10, 10)
    return [
        shapely.box(0, 0, 5, 5),
        shapely.box(5, 0, 10, 5),
        square.difference(shapely.box(12, 12, 18, 18)).union(shapely.box(10, 10, 20, 20))
        .difference(shapely.box(13, 13, 17, 17)),
        shapely.box(13, 13, 17, 17),
        shapely.Polygon([(0, 5), (5, 5), (5, 10), (4, 10), (4, 6), (1, 6), (1, 10), (0, 10)]),
        shapely.MultiPolygon([shapely.box(20, 0, 22, 2), shapely.box(24, 0, 26, 2)]),
        shapely.box(21, 1, 25, 3),
        shapely.Polygon([(6, 6), (9.5, 7.3), (7.1, 9.9)]),
    ]


def test_random_points_land_where_testing_every_polygon_puts_them():
    polygons = districts()
    rng = np.random.default_rng(7)
    x, y = rng.uniform(-2, 28, 50_000), rng.uniform(-2, 22, 50_000)
    assert (PolygonLocator(polygons).locate(x, y) == by_hand(polygons, x, y)).all()


def test_points_on_edges_and_corners_count_in_the_first_polygon_they_touch():
    polygons = districts()
    # Every vertex, every edge's midpoint, and the corners of the polygons' extent.
    coordinates = np.concatenate([shapely.get_coordinates(shapely.segmentize(p, 0.5))
                                  for p in polygons] + [[[0, 0], [26, 0], [0, 20], [26, 20]]])
    x, y = coordinates[:, 0], coordinates[:, 1]
    found = PolygonLocator(polygons).locate(x, y)
    assert (found == by_hand(polygons, x, y)).all()
    # The edge x = 5 between the first two squares belongs to the first.
    assert PolygonLocator(polygons).locate(np.array([5.0]), np.array([2.5])).tolist() == [0]


def test_points_outside_every_polygon_or_unreadable_get_none():
    locator = PolygonLocator(districts())
    x = np.array([-1.0, 30.0, 11.0, np.nan, 15.0])
    y = np.array([5.0, 5.0, 5.0, 5.0, np.inf])
    assert locator.locate(x, y).tolist() == [-1] * 5
    assert locator.locate(np.array([]), np.array([])).tolist() == []


@pytest.mark.parametrize("cells", [1, 4, 5_000])
def test_any_grid_gives_the_same_answer(monkeypatch, cells):
    monkeypatch.setattr(locate, "MAX_CELLS", cells)
    polygons = districts()
    rng = np.random.default_rng(cells)
    x, y = rng.uniform(-1, 27, 20_000), rng.uniform(-1, 21, 20_000)
    assert (PolygonLocator(polygons).locate(x, y) == by_hand(polygons, x, y)).all()


def test_a_single_thin_polygon():
    line_like = [shapely.box(0, 0, 1000, 0.001)]
    x, y = np.array([0.0, 500.0, 1000.0, 500.0]), np.array([0.0, 0.0005, 0.001, 0.002])
    assert PolygonLocator(line_like).locate(x, y).tolist() == [0, 0, 0, -1]
