"""The installation's metric CRS: the plane every distance is measured in.

``KOOPERACJA_METRIC_CRS`` wins when set; else the CRS is chosen from the extent of the
territory's top-level units (those without a parent) by
:func:`kooperacja.core.metric.choose_metric_crs`, and EPSG:2180 before any boundaries exist.
"""

from __future__ import annotations

import math

import shapely
from django.conf import settings

from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.core.metric import POLAND, Bounds, check_metric_crs, choose_metric_crs
from kooperacja.territory.models import Generation, Unit

# The chosen CRS per state of the current boundaries, so that the extent is read once per
# import rather than once per distance asked for.
_chosen: dict[tuple[tuple[object, ...], ...], str] = {}


def metric_crs() -> str:
    """The CRS (``EPSG:N`` or a PROJ string) in which distances are measured, in metres."""
    override = str(getattr(settings, "KOOPERACJA_METRIC_CRS", "") or "").strip()
    if override:
        try:
            return check_metric_crs(override)
        except ValueError:
            raise UserError(None, N_("KOOPERACJA_METRIC_CRS=%(crs)s is not a projected coordinate "
                                     "system in metres; give one such as EPSG:2180 or EPSG:32633, "
                                     "or leave it empty to have it chosen from the territory"),
                            {"crs": override}) from None
    state = tuple(Generation.objects.current().order_by("pk")
                  .values_list("pk", "checksum", "created_at"))
    if state not in _chosen:
        extent = territory_extent()
        _chosen.clear()
        _chosen[state] = POLAND if extent is None else choose_metric_crs(extent)
    return _chosen[state]


def territory_extent() -> Bounds | None:
    """West, south, east, north (WGS84) of the current top-level units; None without any
    (or with empty geometries only)."""
    texts = list(Unit.objects.current().filter(parent__isnull=True)
                 .values_list("geometry", flat=True))
    if not texts:
        return None
    west, south, east, north = shapely.total_bounds(shapely.from_geojson(texts))
    if not math.isfinite(west):  # units without geometry (an institution's empty territory)
        return None
    return float(west), float(south), float(east), float(north)
