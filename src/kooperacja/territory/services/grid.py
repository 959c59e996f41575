"""A regular grid level clipped to a territory."""

from __future__ import annotations

import shapely

from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.core.grid import square_grid
from kooperacja.territory.models import Unit
from kooperacja.territory.services.boundaries import UnitImport, store_generation


def make_grid(territory_code: str, size_m: int, crs: str) -> UnitImport:
    """Create (or refresh) the level ``grid250m`` / ``grid1km`` over a current territory."""
    territory = Unit.objects.current().territories().filter(code=territory_code).first()
    if territory is None:
        raise UserError(None, N_("no current top-level unit with code %(code)s; "
                                 "give the code of the city or gmina"), {"code": territory_code})
    cells = square_grid(shapely.from_geojson(territory.geometry), size_m, crs)
    level = f"grid{size_m // 1000}km" if size_m % 1000 == 0 else f"grid{size_m}m"
    name = f"{size_m // 1000} km" if size_m % 1000 == 0 else f"{size_m} m"
    return store_generation(
        level, cells, lambda: [territory] * len(cells),
        f"{crs} {size_m} m grid over {territory.code}", level_name=name,
        allow_retire=True,  # cells the program draws, not a file that may be the wrong one
    )
