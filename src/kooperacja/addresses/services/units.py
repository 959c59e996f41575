"""Pre-assigning address points to the unit they lie in, at every level.

Points carry their units precomputed so that counting records per unit is a join on
integer keys; the geometry work happens once, here, with an STRtree over the units.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import shapely
from django.db import connection
from django.db.backends.utils import CursorWrapper

from kooperacja.addresses.models import AddressPoint, PointUnit
from kooperacja.addresses.services.bulk import write_rows
from kooperacja.territory.models import Generation

BATCH = 250_000


def assign_units(generations: Iterable[Generation]) -> int:
    """Store the unit of every point (retired ones too, since records keep them) for each
    of ``generations``; returns rows written. A point outside every unit of a generation
    gets no row for it. An import assigns its own points with ``store_staged_units``."""
    written = 0
    for generation in generations:
        written += _assign_generation(generation)
    return written


class UnitFinder:
    """Finds which unit of ``generation`` each of many points lies in (an STRtree query)."""

    def __init__(self, generation: Generation) -> None:
        units = list(generation.units.values_list("pk", "geometry"))
        self.generation = generation
        self._unit_ids = np.array([pk for pk, _ in units], dtype=np.int64)
        self._tree = shapely.STRtree([shapely.from_geojson(geometry) for _, geometry in units])

    def units_of(self, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        """The unit id of each point, 0 for a point outside every unit.

        A point on a shared boundary touches two units: it counts in the first only.
        """
        found = np.zeros(len(lon), dtype=np.int64)
        if len(self._unit_ids) and len(lon):
            point_index, unit_index = self._tree.query(shapely.points(lon, lat),
                                                       predicate="intersects")
            point_index, first = np.unique(point_index, return_index=True)
            found[point_index] = self._unit_ids[unit_index[first]]
        return found


def store_staged_units(finders: list[UnitFinder], staging: str, register_import_id: int) -> None:
    """Store the units found while staging (column ``unit_<i>`` for ``finders[i]``) for
    the active points that import ``register_import_id`` wrote."""
    points_table = AddressPoint._meta.db_table
    table = PointUnit._meta.db_table
    # Going through the points in id order writes the unit index in order; SQLite takes
    # CROSS JOIN as the order to join in.
    join = "CROSS JOIN" if connection.vendor == "sqlite" else "JOIN"
    with connection.cursor() as cursor:
        for i, finder in enumerate(finders):
            generation = finder.generation
            _forget_units(cursor, generation, register_import_id)
            cursor.execute(
                f"INSERT INTO {table} (point_id, unit_id, level_id, generation_id) "
                f"SELECT p.id, s.unit_{i}, %s, %s FROM {points_table} p "
                f"{join} {staging} s ON s.source_id = p.source_id "
                f"WHERE p.register_import_id = %s AND s.unit_{i} <> 0",
                [generation.level_id, generation.pk, register_import_id],
            )


def _forget_units(cursor: CursorWrapper, generation: Generation, register_import_id: int) -> None:
    """Delete the units of ``generation`` of the active points ``register_import_id`` wrote."""
    cursor.execute(
        f"DELETE FROM {PointUnit._meta.db_table} WHERE generation_id = %s AND point_id IN "
        f"(SELECT id FROM {AddressPoint._meta.db_table} "
        f"WHERE register_import_id = %s AND retired_at IS NULL)",
        [generation.pk, register_import_id],
    )


def _assign_generation(generation: Generation) -> int:
    points_table = AddressPoint._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {PointUnit._meta.db_table} WHERE generation_id = %s",
                       [generation.pk])
    finder = UnitFinder(generation)
    written = 0
    last = 0
    while True:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id, lon, lat FROM {points_table} WHERE id > %s "
                f"ORDER BY id LIMIT {BATCH}", [last],
            )
            fetched = cursor.fetchall()
        if not fetched:
            return written
        ids, lon, lat = (np.array(column) for column in zip(*fetched))
        last = int(ids[-1])
        units = finder.units_of(lon, lat)
        inside = units != 0
        rows = list(zip(
            ids[inside].tolist(), units[inside].tolist(),
            [generation.level_id] * int(inside.sum()), [generation.pk] * int(inside.sum()),
        ))
        write_rows(PointUnit._meta.db_table, ("point_id", "unit_id", "level_id", "generation_id"),
                   rows)
        written += len(rows)
