"""Pre-assigning address points to the unit they lie in, at every level.

Points carry their units precomputed so that counting records per unit is a join on
integer keys; the geometry work happens once, here, with an STRtree over the units.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import shapely
from django.db import connection

from kooperacja.addresses.models import AddressPoint, PointUnit
from kooperacja.addresses.services.bulk import write_rows
from kooperacja.territory.models import Generation

BATCH = 250_000


def assign_units(generations: Iterable[Generation], register_import_id: int | None = None) -> int:
    """Store the unit of each point for each of ``generations``; returns rows written.

    With ``register_import_id`` only the active points last written by that import are
    (re)assigned; without it every point is, retired ones too, since records keep them.
    A point outside every unit of a generation gets no row for it.
    """
    written = 0
    for generation in generations:
        written += _assign_generation(generation, register_import_id)
    return written


def _assign_generation(generation: Generation, register_import_id: int | None) -> int:
    units = list(generation.units.values_list("pk", "geometry"))
    points_table = AddressPoint._meta.db_table
    table = PointUnit._meta.db_table
    which = "1 = 1"
    params: list[object] = []
    if register_import_id is not None:
        which = "register_import_id = %s AND retired_at IS NULL"
        params = [register_import_id]
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {table} WHERE generation_id = %s AND point_id IN "
            f"(SELECT id FROM {points_table} WHERE {which})", [generation.pk, *params],
        )
    if not units:
        return 0
    unit_ids = np.array([pk for pk, _ in units], dtype=np.int64)
    tree = shapely.STRtree([shapely.from_geojson(geometry) for _, geometry in units])
    written = 0
    last = 0
    while True:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id, lon, lat FROM {points_table} WHERE {which} AND id > %s "
                f"ORDER BY id LIMIT {BATCH}", [*params, last],
            )
            fetched = cursor.fetchall()
        if not fetched:
            return written
        ids, lon, lat = (np.array(column) for column in zip(*fetched))
        last = int(ids[-1])
        point_index, unit_index = tree.query(shapely.points(lon, lat), predicate="intersects")
        # A point on a shared boundary touches two units: it counts in the first only.
        point_index, first = np.unique(point_index, return_index=True)
        rows = list(zip(
            ids[point_index].tolist(), unit_ids[unit_index[first]].tolist(),
            [generation.level_id] * len(point_index), [generation.pk] * len(point_index),
        ))
        write_rows(table, ("point_id", "unit_id", "level_id", "generation_id"), rows)
        written += len(rows)
