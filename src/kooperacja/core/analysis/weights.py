"""Spatial weights (who is whose neighbour) built from unit geometries.

Units are identified by position: the i-th geometry is unit i, and every array passed
to the statistics must follow the same order.  Queen contiguity is built here with
NumPy, the way libpysal builds it (units sharing a vertex); the other kinds with
libpysal.  Importing libpysal takes about a second, more than the rest of a hot-spot
command's work, so it is imported only for the kinds and statistics that need it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Literal

import numpy as np
import numpy.typing as npt
import shapely

if TYPE_CHECKING:
    from libpysal.weights import W

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
    neighbours : tuple of int arrays
        The positions of each unit's neighbours, ascending.
    kind : str
        How neighbours were defined.
    islands : tuple of int
        Positions of units without neighbours after construction (before any
        attachment); reported so that a map can say why they have no cluster.
    attached : bool
        Whether islands were joined to their nearest unit.
    parameter : float or None
        k for k-nearest, the distance for a distance band.
    built : libpysal.weights.W or None
        The ``W`` libpysal built, for the kinds built with it; :attr:`w` gives it, or
        builds one from ``neighbours``.
    """

    neighbours: tuple[npt.NDArray[np.int64], ...]
    kind: WeightsKind
    islands: tuple[int, ...]
    attached: bool
    parameter: float | None
    built: W | None = None

    @property
    def n(self) -> int:
        return len(self.neighbours)

    @cached_property
    def w(self) -> W:
        """The weights as a libpysal ``W`` (ids 0..n-1, binary); the statistics copy and
        transform it, never change it."""
        if self.built is not None:
            return self.built
        from libpysal.weights import W

        return W({i: nb.tolist() for i, nb in enumerate(self.neighbours)},
                 id_order=list(range(self.n)), silence_warnings=True)

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
    if kind == "queen" and not attach:
        neighbours = queen_neighbours(geoms)
        islands = tuple(i for i, nb in enumerate(neighbours) if nb.size == 0)
        return SpatialWeights(neighbours, kind, islands, attached=False, parameter=None)
    from libpysal.weights import (
        KNN,
        DistanceBand,
        Queen,
        Rook,
        attach_islands,
        min_threshold_distance,
    )

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
    position = w.id2i
    neighbours = tuple(np.array(sorted(position[j] for j in w.neighbors[i]), dtype=np.int64)
                       for i in w.id_order)
    return SpatialWeights(neighbours, kind, islands, attached=bool(islands) and attach,
                          parameter=parameter, built=w)


def queen_neighbours(geometries: np.ndarray) -> tuple[npt.NDArray[np.int64], ...]:
    """Per unit, the units that share at least one vertex of its boundary with it.

    libpysal's queen criterion (``Queen.from_iterable``): two polygons are neighbours when
    some vertex of one's rings is, exactly, a vertex of the other's.  Each (vertex, unit)
    pair is listed once; after sorting by vertex, units ``d`` places apart on the same
    vertex are neighbours, for every ``d`` up to the most units on one vertex.
    """
    coords, owner = shapely.get_coordinates(geometries, return_index=True)
    # -0.0 and 0.0 are one vertex (libpysal keys them by tuple equality).
    coords = coords + 0.0
    order = np.lexsort((owner, coords[:, 1], coords[:, 0]))
    x, y, unit = coords[order, 0], coords[order, 1], owner[order]
    same_vertex = (x[1:] == x[:-1]) & (y[1:] == y[:-1])
    keep = np.ones(unit.size, dtype=bool)
    keep[1:] = ~(same_vertex & (unit[1:] == unit[:-1]))
    vertex = np.cumsum(np.r_[True, ~same_vertex])[keep]
    unit = unit[keep]
    pairs = []
    for d in range(1, unit.size):
        shared = vertex[d:] == vertex[:-d]
        if not shared.any():
            break
        pairs.append(np.stack([unit[:-d][shared], unit[d:][shared]], axis=1))
    n = len(geometries)
    if not pairs:
        return tuple(np.empty(0, dtype=np.int64) for _ in range(n))
    both = np.concatenate(pairs)
    both = np.unique(np.concatenate([both, both[:, ::-1]]), axis=0)
    cut = np.searchsorted(both[:, 0], np.arange(n + 1))
    return tuple(both[cut[i]:cut[i + 1], 1].astype(np.int64) for i in range(n))
