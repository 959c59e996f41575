"""The public "high need, low access" layer: a published indicator against access.

Need is the indicator's rate after disclosure control for the public, access the 2SFCA of
the residents to the public resources. Both inputs are public, so the score leaks nothing
the indicator map does not show; a unit whose rate is hidden gets no need and no flag.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kooperacja.core.accessibility import gap_score, spread_residents, unit_access
from kooperacja.core.accessibility.gaps import GAP_THRESHOLD
from kooperacja.resources.services.accessibility import (
    DEFAULT_DISTANCE_M,
    load_register,
    load_resources,
    residents_per_unit,
)
from kooperacja.resources.services.need import published_need


@dataclass
class GapLayer:
    """One row per unit of the level, and what the layer was made from."""

    indicator: str
    period: str
    level: str
    kind: str
    distance_m: float
    k: int
    resources: int
    rows: list[dict[str, object]]
    threshold: float = GAP_THRESHOLD

    @property
    def flagged(self) -> list[str]:
        return [str(row["unit_code"]) for row in self.rows if row["high_need_low_access"]]


def gap_layer(indicator: str, level: str, period: str, kind: str = "",
              distance_m: float = DEFAULT_DISTANCE_M) -> GapLayer:
    """Gap score and flag per unit of ``level`` for the public resources of ``kind`` (every
    kind when empty) against the public rate of ``indicator`` in ``period``."""
    register = load_register(level)
    need = published_need(indicator, period, level, register.units, "public")
    resources, supply, capacity = load_resources(kind, public_only=True)
    residents_of_unit = residents_per_unit(register)
    residents = spread_residents(register.unit_of_point, residents_of_unit)
    access = unit_access(register.xy, register.unit_of_point, residents, len(register.units),
                         supply, capacity, distance_m)
    gap = gap_score(need.rate, access.access_2sfca)
    rows = []
    for i, unit in enumerate(register.units):
        shown = bool(np.isfinite(need.rate[i]))
        rows.append({
            "unit_code": unit.code, "unit_name": unit.name,
            "need": _number(need.rate[i]), "hidden": not shown, "label": need.label[i],
            "access_2sfca": _number(access.access_2sfca[i]),
            "distance_m": _number(access.distance_m[i]),
            "z_need": _number(gap.z_need[i]), "z_access": _number(gap.z_access[i]),
            "gap": _number(gap.score[i]) if shown else None,
            "high_need_low_access": bool(gap.high_need_low_access[i]) and shown,
        })
    return GapLayer(indicator, period, level, kind, distance_m, need.k, len(resources), rows)


def _number(value: float) -> float | None:
    return float(value) if np.isfinite(value) else None

