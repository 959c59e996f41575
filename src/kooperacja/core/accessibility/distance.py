"""Straight-line and approximate walking distances in a metric CRS, nearest neighbours.

Straight lines are measured in the installation's metric CRS (chosen by
:mod:`kooperacja.core.metric`, passed in by the caller); walking distance is approximated as
the straight line times a detour factor, because a street network is not part of the
platform's data.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.spatial import cKDTree

from kooperacja.core.metric import to_metric, to_wgs84

__all__ = ["DETOUR_FACTOR", "Nearest", "count_within", "nearest", "pairs_within", "to_metric",
           "to_wgs84", "walking_m"]

# Walking routes in European cities are 1.2–1.4 times the straight line (the "circuity"
# of street networks; Boeing 2019, Giacomin & Levinson 2015); 1.3 is the usual middle.
DETOUR_FACTOR = 1.3


def walking_m(straight_m: np.ndarray | float, detour: float = DETOUR_FACTOR) -> np.ndarray:
    """Approximate walking distance: the straight line times the detour factor."""
    return np.asarray(straight_m, dtype=float) * detour


@dataclass(frozen=True)
class Nearest:
    """For each origin, the ``k`` nearest resources (columns nearest first).

    ``index`` is -1 and ``distance_m`` is inf where there are fewer than ``k`` resources.
    """

    distance_m: np.ndarray
    index: np.ndarray


def _xy(points: np.ndarray) -> np.ndarray:
    return np.asarray(points, dtype=float).reshape(-1, 2)


def nearest(origins: np.ndarray, resources: np.ndarray, k: int = 1) -> Nearest:
    """The ``k`` nearest resources of every origin, shape (n_origins, k)."""
    origins, resources = _xy(origins), _xy(resources)
    if len(resources) == 0:
        return Nearest(np.full((len(origins), k), np.inf), np.full((len(origins), k), -1))
    distance, index = cKDTree(resources).query(origins, k=k)
    distance = np.asarray(distance, dtype=float).reshape(len(origins), k)
    index = np.asarray(index).reshape(len(origins), k)
    index = np.where(np.isinf(distance), -1, index)
    return Nearest(distance, index)


def count_within(origins: np.ndarray, resources: np.ndarray, radius_m: float) -> np.ndarray:
    """How many resources lie within ``radius_m`` (inclusive) of each origin."""
    origins, resources = _xy(origins), _xy(resources)
    if len(resources) == 0:
        return np.zeros(len(origins), dtype=int)
    return np.asarray(cKDTree(resources).query_ball_point(origins, radius_m, return_length=True),
                      dtype=int)


def pairs_within(origins: np.ndarray, resources: np.ndarray, radius_m: float
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every (origin, resource) pair within ``radius_m``, with its distance.

    Pairs at distance 0 are kept (a resource often stands on a demand point), which
    scipy's sparse distance matrices would drop.
    """
    origins, resources = _xy(origins), _xy(resources)
    if len(origins) == 0 or len(resources) == 0:
        empty = np.zeros(0, dtype=int)
        return empty, empty, np.zeros(0)
    lists = cKDTree(resources).query_ball_point(origins, radius_m)
    lengths = np.fromiter((len(found) for found in lists), dtype=int, count=len(lists))
    origin = np.repeat(np.arange(len(origins)), lengths)
    resource = (np.concatenate([np.asarray(found, dtype=int) for found in lists])
                if lengths.sum() else np.zeros(0, dtype=int))
    distance = np.hypot(*(origins[origin] - resources[resource]).T)
    return origin, resource, distance
