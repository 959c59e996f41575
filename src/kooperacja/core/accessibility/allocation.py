"""Nearest-resource allocation: how much demand each resource is the nearest one for."""

from __future__ import annotations

import numpy as np

from kooperacja.core.accessibility.distance import nearest


def allocate_nearest(demand: np.ndarray, weight: np.ndarray, resources: np.ndarray) -> np.ndarray:
    """Demand allocated to each resource, every demand point to its nearest resource.

    Parameters
    ----------
    demand
        (n, 2) demand points in a metric CRS.
    weight
        (n,) demand at each point (residents, clients, a count).
    resources
        (m, 2) resource points in the same CRS.

    Returns
    -------
    (m,) float array summing to the total weight (0 for every resource when ``m == 0``).

    Notes
    -----
    The allocation of a proximal (Voronoi) service-area model: each point goes wholly to
    its nearest resource (a tie goes to either one). Capacity plays no part; compare
    the result with capacity to see which resources are the nearest help for more people
    than they can serve.
    """
    resources = np.asarray(resources, dtype=float).reshape(-1, 2)
    weight = np.asarray(weight, dtype=float)
    if len(resources) == 0:
        return np.zeros(0)
    index = nearest(demand, resources).index[:, 0]
    return np.bincount(index, weights=weight, minlength=len(resources)).astype(float)
