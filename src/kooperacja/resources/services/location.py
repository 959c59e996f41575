"""Where a resource lies: geocoding its address, the units around its point."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kooperacja.addresses.services.units import UnitFinder, unit_finders
from kooperacja.territory.models import Generation


@dataclass
class UnitLayers:
    """The current units of every level, located as address points are
    (addresses/services/units.py)."""

    levels: list[tuple[str, UnitFinder, dict[int, str]]]

    @classmethod
    def current(cls) -> UnitLayers:
        return cls([
            (finder.generation.level.code, finder,
             dict(finder.generation.units.values_list("pk", "code")))
            for finder in unit_finders(Generation.objects.current().select_related("level"))
        ])

    def units_at(self, lon: float, lat: float) -> dict[str, str]:
        """Level code → code of the unit containing the point, for every level that has one."""
        found = {}
        for level, finder, codes in self.levels:
            unit = int(finder.units(np.array([lon]), np.array([lat]))[0])
            if unit:
                found[level] = codes[unit]
        return found

