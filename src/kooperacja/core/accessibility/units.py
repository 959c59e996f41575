"""Access per unit, from address points and the residents living at them."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kooperacja.core.accessibility.catchment import two_step_fca
from kooperacja.core.accessibility.distance import count_within, nearest


def spread_residents(unit_of_point: np.ndarray, residents_of_unit: np.ndarray) -> np.ndarray:
    """Residents per address point: each unit's residents shared equally among its points.

    Parameters
    ----------
    unit_of_point
        (n,) index of each point's unit into ``residents_of_unit``; -1 for none.
    residents_of_unit
        (u,) residents of each unit.

    Notes
    -----
    Without residents per building the register cannot tell a tower block from a garage,
    so a unit's population is shared evenly; the finer the units, the smaller the error.
    """
    unit_of_point = np.asarray(unit_of_point, dtype=int)
    residents_of_unit = np.asarray(residents_of_unit, dtype=float)
    placed = unit_of_point >= 0
    points_per_unit = np.bincount(unit_of_point[placed], minlength=len(residents_of_unit))
    share = np.divide(residents_of_unit, points_per_unit, out=np.zeros(len(residents_of_unit)),
                      where=points_per_unit > 0)
    return np.where(placed, share[np.where(placed, unit_of_point, 0)], 0.0)


def weighted_mean(values: np.ndarray, weight: np.ndarray, group: np.ndarray, groups: int
                  ) -> np.ndarray:
    """Mean of ``values`` per group weighted by ``weight``; NaN for a group without weight.

    Points of group -1 or with a non-finite value are left out.
    """
    values, weight, group = (np.asarray(a) for a in (values, weight, group))
    keep = (group >= 0) & np.isfinite(values)
    total = np.bincount(group[keep], weights=weight[keep], minlength=groups)
    summed = np.bincount(group[keep], weights=(weight * np.where(keep, values, 0))[keep],
                         minlength=groups)
    return np.divide(summed, total, out=np.full(groups, np.nan), where=total > 0)


@dataclass(frozen=True)
class UnitAccess:
    """Access of the residents of each unit (arrays of length ``units``).

    Attributes
    ----------
    residents
        Residents placed on the unit's address points.
    distance_m
        Mean straight-line distance to the nearest resource, weighted by residents.
    within
        Mean number of resources within the radius, weighted by residents.
    access_2sfca
        Mean 2SFCA accessibility, weighted by residents.
    """

    residents: np.ndarray
    distance_m: np.ndarray
    within: np.ndarray
    access_2sfca: np.ndarray


def unit_access(
    points: np.ndarray,
    unit_of_point: np.ndarray,
    residents: np.ndarray,
    units: int,
    resources: np.ndarray,
    capacity: np.ndarray,
    radius_m: float,
    demand: tuple[np.ndarray, np.ndarray] | None = None,
) -> UnitAccess:
    """Population-weighted access per unit, measured at its address points.

    Parameters
    ----------
    points, unit_of_point, residents
        (n, 2) address points in a metric CRS, the index of each one's unit (-1: none)
        and the residents living there (see :func:`spread_residents`).
    units
        Number of units.
    resources, capacity
        (m, 2) resource points and their capacities.
    radius_m
        Radius for the count within reach and the 2SFCA catchment.
    demand
        (points, weight) competing for capacity in the 2SFCA; the residents by default.
    """
    residents = np.asarray(residents, dtype=float)
    distance = nearest(points, resources).distance_m[:, 0]
    within = count_within(points, resources, radius_m)
    demand_points, demand_weight = demand if demand is not None else (points, residents)
    catchment = two_step_fca(demand_points, demand_weight, resources, capacity, radius_m,
                             locations=points)
    group = np.asarray(unit_of_point, dtype=int)
    placed = group >= 0
    return UnitAccess(
        residents=np.bincount(group[placed], weights=residents[placed], minlength=units),
        distance_m=weighted_mean(distance, residents, group, units),
        within=weighted_mean(within.astype(float), residents, group, units),
        access_2sfca=weighted_mean(catchment.access, residents, group, units),
    )
