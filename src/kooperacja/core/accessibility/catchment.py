"""The two-step floating catchment area (2SFCA): capacity weighed against demand."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kooperacja.core.accessibility.distance import pairs_within


@dataclass(frozen=True)
class Catchment:
    """Result of :func:`two_step_fca`.

    Attributes
    ----------
    demand_in_catchment
        (m,) demand within the radius of each resource (step 1's denominator).
    ratio
        (m,) capacity per unit of demand in the catchment, ``R_j = S_j / D_j``; NaN where
        no demand lies within reach.
    access
        (n,) accessibility of each demand location, ``A_i = Σ R_j`` over the resources
        within the radius; 0 where none is.
    """

    demand_in_catchment: np.ndarray
    ratio: np.ndarray
    access: np.ndarray


def two_step_fca(
    demand: np.ndarray,
    weight: np.ndarray,
    resources: np.ndarray,
    capacity: np.ndarray,
    radius_m: float,
    locations: np.ndarray | None = None,
) -> Catchment:
    """Two-step floating catchment area accessibility.

    Parameters
    ----------
    demand, weight
        (n, 2) demand points in a metric CRS and the demand at each (residents, clients).
    resources, capacity
        (m, 2) resource points and what each can serve (places, people a day).
    radius_m
        Catchment radius (inclusive), straight-line metres.
    locations
        Where to evaluate step 2; the demand points themselves by default. Giving the
        address points of units here measures their access against another demand.

    Notes
    -----
    Step 1: for each resource j, ``R_j = S_j / Σ_{k: d_kj ≤ d0} D_k``.
    Step 2: for each location i, ``A_i = Σ_{j: d_ij ≤ d0} R_j``. Summed over locations
    weighted by their demand, A gives back the capacity whose catchment holds demand.

    References
    ----------
    Luo, W. and Wang, F. (2003). Measures of spatial accessibility to health care in a GIS
    environment: synthesis and a case study in the Chicago region. Environment and Planning
    B 30(6), 865–884.
    """
    weight = np.asarray(weight, dtype=float)
    capacity = np.asarray(capacity, dtype=float)
    resources = np.asarray(resources, dtype=float).reshape(-1, 2)
    origin, resource, _ = pairs_within(demand, resources, radius_m)
    in_catchment = np.bincount(resource, weights=weight[origin], minlength=len(resources))
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(in_catchment > 0, capacity / in_catchment, np.nan)
    at = demand if locations is None else locations
    origin, resource, _ = pairs_within(at, resources, radius_m)
    n = len(np.asarray(at).reshape(-1, 2))
    access = np.bincount(origin, weights=np.nan_to_num(ratio[resource]), minlength=n)
    return Catchment(in_catchment.astype(float), ratio, access.astype(float))
