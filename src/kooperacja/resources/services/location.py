"""Where a resource lies: geocoding its address, the units around its point."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely

from kooperacja.territory.models import Generation, Unit


@dataclass
class UnitLayers:
    """The current units of every level, indexed for point-in-polygon queries."""

    levels: list[tuple[str, shapely.STRtree, list[str]]]

    @classmethod
    def current(cls) -> UnitLayers:
        levels = []
        for generation in Generation.objects.current().select_related("level"):
            rows = list(Unit.objects.filter(generation=generation).values_list("code", "geometry"))
            geometries = [shapely.from_geojson(g) for _, g in rows]
            levels.append((generation.level.code, shapely.STRtree(geometries),
                           [code for code, _ in rows]))
        return cls(levels)

    def units_at(self, lon: float, lat: float) -> dict[str, str]:
        """Level code → code of the unit containing the point, for every level that has one."""
        point = shapely.Point(lon, lat)
        found = {}
        for level, tree, codes in self.levels:
            hits = tree.query(point, predicate="intersects")
            if len(hits):
                found[level] = codes[int(np.min(hits))]
        return found

