"""Accessibility of resources and gaps between need and access (pure core, no Django).

Points are in a metric CRS (EPSG:2180 by default), distances in metres; every function
takes and returns NumPy arrays.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kooperacja.core.lazy import lazy_exports

if TYPE_CHECKING:
    from kooperacja.core.accessibility.allocation import allocate_nearest
    from kooperacja.core.accessibility.catchment import Catchment, two_step_fca
    from kooperacja.core.accessibility.distance import (
        DETOUR_FACTOR,
        Nearest,
        count_within,
        nearest,
        to_metric,
        to_wgs84,
        walking_m,
    )
    from kooperacja.core.accessibility.gaps import Gap, gap_score, zscore
    from kooperacja.core.accessibility.points import PointFileError, PointLayer, read_points
    from kooperacja.core.accessibility.units import (
        UnitAccess,
        spread_residents,
        unit_access,
        weighted_mean,
    )

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "allocation": ("allocate_nearest",),
        "catchment": ("Catchment", "two_step_fca"),
        "distance": (
            "DETOUR_FACTOR", "Nearest", "count_within", "nearest", "to_metric",
            "to_wgs84", "walking_m",
        ),
        "gaps": ("Gap", "gap_score", "zscore"),
        "points": ("PointFileError", "PointLayer", "read_points"),
        "units": ("UnitAccess", "spread_residents", "unit_access", "weighted_mean"),
    },
)

__all__ = [
    "DETOUR_FACTOR",
    "Catchment",
    "Gap",
    "Nearest",
    "PointFileError",
    "PointLayer",
    "UnitAccess",
    "allocate_nearest",
    "count_within",
    "gap_score",
    "nearest",
    "read_points",
    "spread_residents",
    "to_metric",
    "to_wgs84",
    "two_step_fca",
    "unit_access",
    "walking_m",
    "weighted_mean",
    "zscore",
]
