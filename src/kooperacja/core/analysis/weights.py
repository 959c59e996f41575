"""Spatial weights (who is whose neighbour) built from unit geometries with libpysal.

Units are identified by position: the i-th geometry is unit i, and every array passed
to the statistics must follow the same order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import shapely
from libpysal.weights import (
    KNN,
    DistanceBand,
    Queen,
    Rook,
    W,
    attach_islands,
    min_threshold_distance,
)

WeightsKind = Literal["queen", "rook", "knn", "distance"]
# scipy measures the same pair of points with different roundings in a nearest-neighbour
# query (libpysal's min_threshold_distance) and in the pairs-within search DistanceBand
# makes, so a band of exactly the largest nearest-neighbour distance can miss that very
# pair and leave its unit without neighbours; the band is widened by this relative margin
# (a micrometre per kilometre), far below any distance a boundary file can tell apart.
BAND_TOLERANCE = 1e-9


@dataclass(frozen=True)
class SpatialWeights:
    """Binary spatial weights over units 0..n-1.

    Attributes
    ----------
    w : libpysal.weights.W
        Binary weights; the statistics copy and transform them, never change them.
    kind : str
        How neighbours were defined.
    islands : tuple of int
        Positions of units without neighbours after construction (before any
        attachment); reported so that a map can say why they have no cluster.
    attached : bool
        Whether islands were joined to their nearest unit.
    parameter : float or None
        k for k-nearest, the distance for a distance band.
    """

    w: W
    kind: WeightsKind
    islands: tuple[int, ...]
    attached: bool
    parameter: float | None

    @property
    def n(self) -> int:
        return int(self.w.n)

    @property
    def unconnected(self) -> tuple[int, ...]:
        """Units that still have no neighbour and are left out of the statistics."""
        return () if self.attached else self.islands


def _check_geometries(geometries: Sequence[shapely.Geometry]) -> np.ndarray:
    geoms = np.asarray(geometries, dtype=object)
    if geoms.size < 2:
        raise ValueError("spatial weights need at least two units")
    for i, geom in enumerate(geoms):
        if not isinstance(geom, shapely.Geometry) or shapely.is_empty(geom):
            raise ValueError(f"unit at position {i} has no geometry; give every unit its boundary")
    return geoms


def _points(geoms: np.ndarray) -> np.ndarray:
    # Representative points lie inside their polygon, unlike centroids of odd shapes.
    return shapely.get_coordinates(shapely.point_on_surface(geoms))


def spatial_weights(
    geometries: Sequence[shapely.Geometry],
    kind: WeightsKind = "queen",
    *,
    k: int = 6,
    distance: float | None = None,
    attach: bool = False,
) -> SpatialWeights:
    """Build neighbours of units from their geometries.

    Parameters
    ----------
    geometries : sequence of shapely geometries
        Unit boundaries (polygons or multipolygons) in a projected CRS in metres (the
        installation's metric CRS, :mod:`kooperacja.core.metric`) when ``kind`` is
        ``"knn"`` or ``"distance"``.
    kind : {"queen", "rook", "knn", "distance"}
        Queen: sharing a border or a corner.  Rook: sharing a border.  knn: the ``k``
        nearest units by a point on each surface.  distance: units whose points on
        surface lie within ``distance`` (inclusive); by default the largest
        nearest-neighbour distance, the smallest band that gives every unit (a far
        island too) a neighbour.
    k : int
        Neighbours per unit for ``"knn"``.
    distance : float, optional
        Band for ``"distance"``, in CRS units (metres).
    attach : bool
        Join each island to its nearest unit (libpysal ``attach_islands``) instead of
        leaving it out of the statistics.

    References
    ----------
    Anselin, L., Rey, S. J. (2014). Modern Spatial Econometrics in Practice. GeoDa Press,
    ch. 3-4.
    Rey, S. J., Anselin, L. (2007). PySAL: a Python library of spatial analytical methods.
    Review of Regional Studies 37, 5-27.
    """
    geoms = _check_geometries(geometries)
    parameter: float | None = None
    if kind == "queen":
        w = Queen.from_iterable(list(geoms), silence_warnings=True)
    elif kind == "rook":
        w = Rook.from_iterable(list(geoms), silence_warnings=True)
    elif kind == "knn":
        if not 1 <= k < geoms.size:
            raise ValueError(f"k must be between 1 and {geoms.size - 1} for {geoms.size} units")
        w, parameter = KNN.from_array(_points(geoms), k=k, silence_warnings=True), float(k)
    elif kind == "distance":
        points = _points(geoms)
        parameter = float(min_threshold_distance(points) if distance is None else distance)
        if parameter <= 0:
            raise ValueError(f"distance must be positive, got {parameter}")
        w = DistanceBand.from_array(points, threshold=parameter * (1 + BAND_TOLERANCE),
                                    binary=True, silence_warnings=True)
    else:
        raise ValueError(f"kind must be 'queen', 'rook', 'knn' or 'distance', not {kind!r}")
    islands = tuple(int(i) for i in w.islands)
    if islands and attach:
        w = attach_islands(w, KNN.from_array(_points(geoms), k=1))
    return SpatialWeights(
        w=w, kind=kind, islands=islands, attached=bool(islands) and attach, parameter=parameter
    )
