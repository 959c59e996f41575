"""Boundaries simplified for a map's zoom, neighbours still meeting.

A level's units form a coverage: each boundary between two units is one line that both
polygons share. Simplifying each polygon on its own (Douglas-Peucker per geometry) moves
that line differently on either side and opens gaps and overlaps between neighbours.
GEOS's coverage simplifier (``shapely.coverage_simplify``, Visvalingam-Whyatt) simplifies
each shared edge once and gives it to both polygons, so the simplified units meet exactly as
the originals did; no polygon is dropped, however small.

Why it and not the arcs by hand or the ``topojson`` package: it is the same algorithm
(node the rings into arcs, simplify each arc once, rebuild the polygons) in C inside the
shapely the project has, and on a synthetic country of 2,477 gminas with 220,000 vertices it
simplified at 300 m in 0.55 s where topojson 2.2 took 5.8 s (docs/benchmarks.md, "Regional
map at national scale").

Tolerances are metres in the installation's metric plane (core/metric.py), one per band of
the web map's zoom levels: about a pixel of the band's most detailed zoom at Poland's
latitudes (a pixel is 1.5 km at zoom 6 and 12 m at zoom 13).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely


@dataclass(frozen=True)
class Band:
    """The zoom levels ``min_zoom``–``max_zoom`` of a web map (Leaflet's, web Mercator)
    share one simplification: ``tolerance`` metres (0: the boundaries as imported),
    coordinates rounded to ``decimals`` decimal degrees."""

    min_zoom: int
    max_zoom: int
    tolerance: float
    decimals: int | None


BANDS = (
    Band(0, 7, 1000.0, 4),
    Band(8, 9, 200.0, 5),
    Band(10, 11, 50.0, 5),
    Band(12, 13, 10.0, 6),
    Band(14, 24, 0.0, None),
)
MAX_ZOOM = BANDS[-1].max_zoom


def band_for(zoom: int | None) -> Band:
    """The band of ``zoom``; the most detailed one for None."""
    if zoom is None:
        return BANDS[-1]
    for band in BANDS:
        if band.min_zoom <= zoom <= band.max_zoom:
            return band
    raise ValueError(f"zoom {zoom} is outside 0–{MAX_ZOOM}")


def coarser(band: Band) -> Band | None:
    """The next less detailed band, None for the coarsest."""
    index = BANDS.index(band)
    return BANDS[index - 1] if index else None


def finer(band: Band) -> Band | None:
    """The next more detailed band that is still simplified, None for the most detailed
    one: a band is simplified from it (progressively: the costly part, noding the rings
    into shared edges, is proportional to the vertices, and the finest band has a fifth of
    the original's at national scale)."""
    index = BANDS.index(band)
    if index + 1 < len(BANDS) and BANDS[index + 1].tolerance > 0:
        return BANDS[index + 1]
    return None


def simplify_coverage(geometries: np.ndarray, tolerance: float) -> np.ndarray:
    """The polygons ``geometries`` (a coverage, in a metric CRS) with every shared edge
    simplified once by ``tolerance`` metres; as given for 0. The result has one polygon per
    input, in order; a coverage stays a coverage."""
    geometries = np.asarray(geometries, dtype=object)
    if tolerance <= 0 or not len(geometries):
        return geometries
    return np.asarray(shapely.coverage_simplify(geometries, tolerance), dtype=object)


def round_coordinates(geometries: np.ndarray, decimals: int | None) -> np.ndarray:
    """``geometries`` with coordinates rounded to ``decimals`` places (as given for None).
    A point two units share rounds the same on both sides, so neighbours still meet."""
    if decimals is None:
        return np.asarray(geometries, dtype=object)
    return np.asarray(shapely.transform(np.asarray(geometries, dtype=object),
                                        lambda xy: np.round(xy, decimals)), dtype=object)
