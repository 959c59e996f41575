"""Which polygon each of millions of points lies in, without making a geometry per point.

An STRtree query needs a point geometry for each point, and making them costs more than
the query itself. Here the polygons' extent is cut into a grid of cells, each classified
once: inside one polygon, outside all, or crossed by a boundary. Points are binned with
array arithmetic; those in a cell inside one polygon take it without a test, and only the
points of boundary cells are tested, against the few polygons their cell touches.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import shapely

# Cells per polygon, and the most cells in all: the grid is fine enough that most points
# fall in a cell inside one polygon, and small enough to classify in well under a second.
CELLS_PER_POLYGON = 64
MAX_CELLS = 1 << 20
_OUTSIDE, _BOUNDARY = -1, -2


class PolygonLocator:
    """Locates points among ``polygons`` (in the points' coordinates)."""

    def __init__(self, polygons: Sequence[shapely.Geometry]) -> None:
        self.polygons = np.asarray(polygons, dtype=object)
        shapely.prepare(self.polygons)
        west, south, east, north = shapely.total_bounds(self.polygons)
        width, height = max(east - west, 1e-9), max(north - south, 1e-9)
        cells = min(len(self.polygons) * CELLS_PER_POLYGON, MAX_CELLS)
        side = float(np.sqrt(width * height / cells))
        self.columns = max(1, min(int(np.ceil(width / side)), cells))
        self.rows = max(1, min(int(np.ceil(height / side)), cells // self.columns))
        self.origin, self.corner = (west, south), (east, north)
        self.size = (width / self.columns, height / self.rows)
        self._classify()

    def _classify(self) -> None:
        """For each cell: the polygon it lies in, ``_OUTSIDE`` or ``_BOUNDARY``; and for
        boundary cells the polygons they touch, in ascending order (``starts`` indexes
        ``candidates`` by cell)."""
        count = self.columns * self.rows
        column, row = np.divmod(np.arange(count), self.rows)
        (west, south), (width, height) = self.origin, self.size
        # A hair larger than the cell, so that a point binned into it by rounding is inside.
        margin = 1e-9 * max(width, height)
        boxes = shapely.box(west + column * width - margin, south + row * height - margin,
                            west + (column + 1) * width + margin,
                            south + (row + 1) * height + margin)
        cell, polygon = shapely.STRtree(self.polygons).query(boxes, predicate="intersects")
        order = np.lexsort((polygon, cell))
        cell, polygon = cell[order], polygon[order]
        touching = np.bincount(cell, minlength=count)
        self.kind = np.full(count, _OUTSIDE, dtype=np.int64)
        self.kind[touching > 0] = _BOUNDARY
        single = touching[cell] == 1
        whole = single.copy()
        whole[single] = shapely.covers(self.polygons[polygon[single]], boxes[cell[single]])
        self.kind[cell[whole]] = polygon[whole]
        boundary = self.kind[cell] == _BOUNDARY
        self.candidates = polygon[boundary]
        self.starts = np.zeros(count + 1, dtype=np.int64)
        np.cumsum(np.bincount(cell[boundary], minlength=count), out=self.starts[1:])

    def locate(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """The index of the first polygon each point lies in (its boundary included), or
        -1 for a point in none."""
        x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
        found = np.full(len(x), _OUTSIDE, dtype=np.int64)
        (west, south), (east, north) = self.origin, self.corner
        points = np.flatnonzero((x >= west) & (x <= east) & (y >= south) & (y <= north))
        # Clipped, so that points on the extent's far edges fall in its last cells.
        column = np.minimum((x[points] - west) // self.size[0], self.columns - 1)
        row = np.minimum((y[points] - south) // self.size[1], self.rows - 1)
        cells = column.astype(np.int64) * self.rows + row.astype(np.int64)
        kind = self.kind[cells]
        found[points] = np.where(kind >= 0, kind, _OUTSIDE)
        tested, cells = points[kind == _BOUNDARY], cells[kind == _BOUNDARY]
        if len(tested):
            found[tested] = self._test(x[tested], y[tested], cells)
        return found

    def _test(self, x: np.ndarray, y: np.ndarray, cells: np.ndarray) -> np.ndarray:
        """Each point against the polygons its cell touches; the first it lies in, or -1."""
        first, touching = self.starts[cells], self.starts[cells + 1] - self.starts[cells]
        point = np.repeat(np.arange(len(cells)), touching)
        # Position of each pair within its point's run: 0, 1, … for each point.
        within = np.arange(len(point)) - np.repeat(np.cumsum(touching) - touching, touching)
        polygon = self.candidates[first[point] + within]
        hit = shapely.intersects_xy(self.polygons[polygon], x[point], y[point])
        found = np.full(len(cells), _OUTSIDE, dtype=np.int64)
        # Pairs run point by point, polygons ascending: a point's first hit is its answer.
        hit_point, at = np.unique(point[hit], return_index=True)
        found[hit_point] = polygon[hit][at]
        return found
