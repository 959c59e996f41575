"""Accessibility of one kind of resource, from the stored register, units and population.

Loads plain arrays from the ORM and hands them to :mod:`kooperacja.core.accessibility`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kooperacja.addresses.services.units import UnitFinder, point_units
from kooperacja.core.accessibility import (
    allocate_nearest,
    gap_score,
    read_points,
    spread_residents,
    to_metric,
    two_step_fca,
    unit_access,
    walking_m,
)
from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.core.metric import POLAND
from kooperacja.resources.models import Resource, ResourceKind
from kooperacja.resources.services.need import numerator_counts, published_need
from kooperacja.territory.models import Generation, Unit
from kooperacja.territory.services.metric import metric_crs
from kooperacja.territory.services.population import population_totals

DEFAULT_DISTANCE_M = 1000.0


@dataclass
class AccessResult:
    """One row per resource and, when units were given, one per unit."""

    resources: list[dict[str, object]]
    units: list[dict[str, object]]
    without_capacity: int
    demand_total: float
    #: Units of ``level`` with residents but no address point: their residents (and cases)
    #: have nowhere to stand and count as no demand.
    units_without_points: int = 0


@dataclass
class Register:
    """The current units of a level and the register's address points in each."""

    xy: np.ndarray
    unit_of_point: np.ndarray
    units: list[Unit]


def load_register(level: str) -> Register:
    generation = Generation.objects.current().filter(level__code=level).first()
    if generation is None:
        levels = ", ".join(Generation.objects.current().values_list("level__code", flat=True))
        raise UserError(None, N_("no current units of level %(level)s; the levels are: %(levels)s"),
                        {"level": level, "levels": levels})
    units = list(Unit.objects.filter(generation=generation).order_by("code"))
    position = {unit.pk: i for i, unit in enumerate(units)}
    crs = metric_crs()
    # The register keeps EPSG:2180 positions (PRG's); elsewhere its lon/lat are projected.
    position_fields = ("point__x", "point__y") if crs == POLAND else ("point__lon", "point__lat")
    rows = point_units([generation], retired=False).values_list("unit_id", *position_fields)
    unit_of_point, xy = [], []
    for unit_id, x, y in rows.iterator(chunk_size=50_000):
        unit_of_point.append(position[unit_id])
        xy.append((x, y))
    points = np.asarray(xy, dtype=float).reshape(-1, 2)
    if crs != POLAND:
        points = to_metric(points[:, 0], points[:, 1], crs)
    return Register(points, np.asarray(unit_of_point, dtype=int), units)


def load_resources(kind: str, public_only: bool = False
                   ) -> tuple[list[Resource], np.ndarray, np.ndarray]:
    """Located resources of ``kind`` (every kind when empty), their metric points and
    capacities."""
    if kind and not ResourceKind.objects.filter(code=kind).exists():
        kinds = ", ".join(ResourceKind.objects.values_list("code", flat=True))
        raise UserError(None, N_("unknown kind %(kind)s; the kinds are: %(kinds)s"),
                        {"kind": kind, "kinds": kinds})
    found = Resource.objects.public() if public_only else Resource.objects.all()
    if kind:
        found = found.filter(kind__code=kind)
    resources = list(found.located().order_by("pk"))
    if not resources:
        raise UserError(None, N_("no resource of kind %(kind)s has a position; import some with "
                                 "kooperacja import-resources"), {"kind": kind or "*"})
    xy = to_metric(np.array([r.lon for r in resources]), np.array([r.lat for r in resources]),
                   metric_crs())
    # A resource that states no capacity counts as one unit of supply: present, size unknown.
    capacity = np.array([r.capacity if r.capacity else 1 for r in resources], dtype=float)
    return resources, xy, capacity


def _demand_points(path: Path | str, weight_field: str | None, crs: str | None
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    layer = read_points(path, crs=crs)
    if weight_field is None:
        weight = np.ones(len(layer))
    elif weight_field not in layer.fields:
        raise UserError(path, N_("no such field; the layer has: %(fields)s"),
                        {"fields": ", ".join(layer.fields)}, field=weight_field)
    else:
        try:
            weight = np.array([float(v.replace(",", ".") or 0) for v in layer.fields[weight_field]])
        except ValueError:
            raise UserError(path, N_("the weight must be a number in every feature"),
                            field=weight_field) from None
    return to_metric(layer.lon, layer.lat, metric_crs()), weight, layer.lon, layer.lat


def _units_of(lon: np.ndarray, lat: np.ndarray, units: list[Unit]) -> np.ndarray:
    """Index of the unit containing each point, -1 outside them all; located as address
    points are (addresses/services/units.py)."""
    if not units:
        return np.full(len(lon), -1, dtype=np.int64)
    pks = np.array([unit.pk for unit in units], dtype=np.int64)
    order = np.argsort(pks)
    found = UnitFinder(units[0].generation).units(lon, lat)
    at = order[np.minimum(np.searchsorted(pks, found, sorter=order), len(pks) - 1)]
    return np.where(pks[at] == found, at, -1)


@dataclass
class _Demand:
    """Where demand is and how much; ``need`` per unit of the register where there is one."""

    xy: np.ndarray
    weight: np.ndarray
    need: np.ndarray | None = None
    need_shown: bool = False


def residents_per_unit(register: Register) -> np.ndarray:
    """Residents of each unit of the register, latest year."""
    totals = population_totals([u.pk for u in register.units])
    return np.array([totals.get(u.pk, (0, 0))[1] for u in register.units], dtype=float)


def _points_demand(path: Path | str, weight_field: str | None, crs: str | None,
                   register: Register | None, residents_of_unit: np.ndarray | None) -> _Demand:
    xy, weight, lon, lat = _demand_points(path, weight_field, crs)
    if register is None or residents_of_unit is None:
        return _Demand(xy, weight)
    inside = _units_of(lon, lat, register.units)
    counted = np.bincount(inside[inside >= 0], weights=weight[inside >= 0],
                          minlength=len(register.units))
    need = np.divide(1000 * counted, residents_of_unit,
                     out=np.full(len(register.units), np.nan), where=residents_of_unit > 0)
    return _Demand(xy, weight, need, need_shown=True)


def _indicator_demand(code: str, period: str | None, level: str | None,
                      register: Register | None) -> _Demand:
    if register is None or level is None or not period:
        raise UserError(None, N_("--demand-indicator needs --level and --period (e.g. --level "
                                 "district --period 2025)"))
    # Analysts' threshold: the command serves the diagnosis team, its files stay aggregate.
    need = published_need(code, period, level, register.units, "analyst")
    counts = numerator_counts(need.indicator, period, register.units)
    weight = spread_residents(register.unit_of_point, counts)
    return _Demand(register.xy, weight, need.rate, need_shown=True)


def measure_access(
    kind: str,
    distance_m: float = DEFAULT_DISTANCE_M,
    level: str | None = None,
    demand_points: Path | str | None = None,
    demand_weight: str | None = None,
    crs: str | None = None,
    demand_indicator: str | None = None,
    period: str | None = None,
) -> AccessResult:
    """Access to the resources of ``kind`` for residents (``level``), weighted points or an
    indicator's cases.

    With ``level`` the residents of each unit are spread over its address points and every
    unit gets its distance, count within reach, 2SFCA and gap. The demand is the residents;
    or the points of ``demand_points`` (need: their weight per 1,000 residents); or the
    numerator of ``demand_indicator`` in ``period``, each unit's cases spread over its
    address points (need: the indicator's rate at the analysts' threshold).
    """
    resources, supply, capacity = load_resources(kind)
    register = load_register(level) if level else None
    if register is not None and not len(register.xy):
        raise UserError(None, N_(
            "the address register has no point in the units of level %(level)s, and residents "
            "and cases are placed at address points: demand and access per unit would all be 0. "
            "Import the register with kooperacja import-addresses (after the units of the level)."),
            {"level": level})
    residents_of_unit = residents_per_unit(register) if register is not None else None
    if demand_indicator:
        demand = _indicator_demand(demand_indicator, period, level, register)
    elif demand_points is not None:
        demand = _points_demand(demand_points, demand_weight, crs, register, residents_of_unit)
    elif register is not None and residents_of_unit is not None:
        residents = spread_residents(register.unit_of_point, residents_of_unit)
        # Residents as the demand: every resident's need is the same.
        demand = _Demand(register.xy, residents, np.where(residents_of_unit > 0, 1.0, np.nan))
    else:
        raise UserError(None, N_("give the demand: --demand-population with --level, "
                                 "--demand-points, or --demand-indicator with --level"))
    rows = _resource_rows(resources, supply, capacity, distance_m, demand)
    unit_rows = []
    if register is not None and residents_of_unit is not None and demand.need is not None:
        residents = spread_residents(register.unit_of_point, residents_of_unit)
        unit_rows = _unit_rows(register, residents, residents_of_unit, supply, capacity,
                               distance_m, (demand.xy, demand.weight), demand.need,
                               demand.need_shown)
    stranded = 0
    if register is not None and residents_of_unit is not None:
        points = np.bincount(register.unit_of_point, minlength=len(register.units))
        stranded = int(np.sum((points == 0) & (residents_of_unit > 0)))
    return AccessResult(rows, unit_rows, sum(1 for r in resources if not r.capacity),
                        float(demand.weight.sum()), stranded)


def _resource_rows(resources: list[Resource], supply: np.ndarray, capacity: np.ndarray,
                   distance_m: float, demand: _Demand) -> list[dict[str, object]]:
    allocated = allocate_nearest(demand.xy, demand.weight, supply)
    catchment = two_step_fca(demand.xy, demand.weight, supply, capacity, distance_m)
    return [{
        "resource_id": r.pk, "name": r.name, "lon": r.lon, "lat": r.lat,
        "demand": round(float(allocated[i]), 2), "capacity": r.capacity,
        "demand_in_reach": round(float(catchment.demand_in_catchment[i]), 2),
        "capacity_per_1000": (round(1000 * float(catchment.ratio[i]), 3)
                              if np.isfinite(catchment.ratio[i]) else None),
    } for i, r in enumerate(resources)]


def _unit_rows(register: Register, residents: np.ndarray, residents_of_unit: np.ndarray,
               supply: np.ndarray, capacity: np.ndarray, distance_m: float,
               demand: tuple[np.ndarray, np.ndarray], need: np.ndarray, need_shown: bool
               ) -> list[dict[str, object]]:
    access = unit_access(register.xy, register.unit_of_point, residents, len(register.units),
                         supply, capacity, distance_m, demand=demand)
    gap = gap_score(need, access.access_2sfca)
    rows: list[dict[str, object]] = []
    for i, unit in enumerate(register.units):
        rows.append({
            "unit_code": unit.code,
            "distance_m": _round(access.distance_m[i], 1),
            "within": _round(access.within[i], 3),
            "access_2sfca": _round(access.access_2sfca[i], 6),
            "gap": _round(gap.score[i], 3),
            "unit_name": unit.name,
            "residents": round(float(residents_of_unit[i])),
            "walking_m": _round(float(walking_m(access.distance_m[i])), 1),
            "need": _round(need[i], 3) if need_shown else None,
            "z_need": _round(gap.z_need[i], 3),
            "z_access": _round(gap.z_access[i], 3),
            "high_need_low_access": bool(gap.high_need_low_access[i]),
        })
    return rows


def _round(value: float, digits: int) -> float | None:
    return round(float(value), digits) if np.isfinite(value) else None
