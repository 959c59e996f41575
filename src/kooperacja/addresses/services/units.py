"""Pre-assigning address points to the unit they lie in, at every level.

Points carry their units precomputed so that counting records per unit is a join on
integer keys; the geometry work happens once, here (`core.locate`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd
import shapely
from django.db import connection
from django.db.models import QuerySet

from kooperacja.addresses.models import AddressPoint, PointUnit
from kooperacja.addresses.services.bulk import write_rows
from kooperacja.core.locate import PolygonLocator
from kooperacja.territory.models import Generation, Unit

BATCH = 250_000
UNIT_ROW = ("point_id", "unit_id", "level_id", "generation_id")


def point_units(generations: Iterable[Generation | int], *, retired: bool
                ) -> QuerySet[PointUnit]:
    """The unit each address point lies in, in each of ``generations``: the one lookup
    from a point to its unit (rows of point, unit, level, generation).

    ``retired`` says whether points the register has since retired count. A record keeps
    the point its address matched when it was imported, so whatever counts records (counts
    per unit, overlap, how units nest) takes retired points too (``retired=True``); figures
    spread over the register as it is today (population estimates, accessibility) take
    active points only (``retired=False``).
    """
    found = PointUnit.objects.filter(
        generation_id__in=[g if isinstance(g, int) else g.pk for g in generations]
    )
    if not retired:
        found = found.filter(point__retired_at__isnull=True)
    return found.order_by()


def point_units_sql(generations: Iterable[Generation | int], *, retired: bool
                    ) -> tuple[str, tuple[Any, ...]]:
    """:func:`point_units` as SQL to join as a subquery (columns point_id, unit_id,
    level_id) and its parameters."""
    query = point_units(generations, retired=retired).values_list(
        "point_id", "unit_id", "level_id").query
    sql, params = query.sql_with_params()
    return sql, tuple(params)


def assign_units(generations: Iterable[Generation], register_import_id: int | None = None) -> int:
    """Store the unit of each point for each of ``generations``; returns rows written.

    With ``register_import_id`` only the active points last written by that import are
    (re)assigned; without it every point is, retired ones too, since records keep them.
    A point outside every unit of a generation gets no row for it.
    """
    written = 0
    for generation in generations:
        written += _assign_generation(generation, register_import_id)
    if written and connection.vendor == "postgresql":
        # Fresh statistics, or the planner may read a whole generation for each batch of
        # points counted (addresses/services/register.py, _analyze).
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(PointUnit._meta.db_table)}")
    return written


def unit_finders(generations: Iterable[Generation]) -> list[UnitFinder]:
    """A finder for each of ``generations`` that has units."""
    return [UnitFinder(generation) for generation in generations if generation.units.exists()]


class UnitFinder:
    """Finds the unit of a generation each point lies in, and stores it."""

    def __init__(self, generation: Generation) -> None:
        self.generation = generation
        units = list(generation.units.order_by("pk").values_list("pk", "geometry"))
        # A trailing 0 answers the locator's -1 (in no unit).
        self.unit_ids = np.array([pk for pk, _ in units] + [0], dtype=np.int64)
        self.locator = PolygonLocator([shapely.from_geojson(geometry) for _, geometry in units])

    def units(self, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        """The unit pk of each point; 0 for a point outside every unit. A point on a
        boundary shared by two units counts in the older one only."""
        return np.asarray(self.unit_ids[self.locator.locate(lon, lat)])

    def store(self, ids: np.ndarray, units: np.ndarray) -> int:
        """Write ``units`` (from ``units()``) as the units of points ``ids`` (ascending);
        returns rows written."""
        table = PointUnit._meta.db_table
        level, generation = self.generation.level_id, self.generation.pk
        inside = units > 0
        count = int(inside.sum())
        if connection.vendor == "sqlite" and len(ids) and ids[-1] - ids[0] == len(ids) - 1:
            # Consecutive ids (every first import, most reassignments): one statement reads
            # the units from a JSON array, four times faster than binding rows one by one.
            with connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {table} ({', '.join(UNIT_ROW)}) SELECT %s + key, value, %s, %s "
                    f"FROM json_each(%s) WHERE value <> 0",
                    [int(ids[0]), level, generation, json.dumps(units.tolist())],
                )
        else:
            write_rows(table, UNIT_ROW, list(zip(
                ids[inside].tolist(), units[inside].tolist(), [level] * count, [generation] * count,
            )))
        return count


def _assign_generation(generation: Generation, register_import_id: int | None) -> int:
    points_table = AddressPoint._meta.db_table
    which = "1 = 1"
    params: list[int] = []
    if register_import_id is not None:
        which = "register_import_id = %s AND retired_at IS NULL"
        params = [register_import_id]
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {PointUnit._meta.db_table} WHERE generation_id = %s AND point_id IN "
            f"(SELECT id FROM {points_table} WHERE {which})", [generation.pk, *params],
        )
    if not generation.units.exists():
        return 0
    finder = UnitFinder(generation)
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
        written += finder.store(ids, finder.units(lon, lat))


def nested_in(generation: Generation, given: pd.DataFrame, key: str) -> pd.DataFrame:
    """``given`` (figures per unit: a ``unit`` column and the ``key`` column naming the set
    each figure belongs to) moved to the units of ``generation`` they nest in.

    A given unit nests in the unit of ``generation`` that holds every one of its address
    points. A unit of ``generation`` receives a set's figures only when every given unit
    of that set with points in it nests in it: a unit that given units straddle (a grid
    cell cut by an estate boundary) gets nothing from that set rather than a wrong part.
    Given units without address points cannot be placed and are left out. Returns the
    rows of ``given`` whose ``unit`` is now the receiving unit (not yet summed).
    """
    if given.empty:
        return given
    generation_of = dict(Unit.objects.values_list("pk", "generation_id"))
    generations = sorted({generation_of[u] for u in given["unit"].unique().tolist()})
    given_sql, given_params = point_units_sql(generations, retired=True)
    into_sql, into_params = point_units_sql([generation], retired=True)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT g.unit_id, COALESCE(n.unit_id, 0) FROM ({given_sql}) g "
            f"LEFT JOIN ({into_sql}) n ON n.point_id = g.point_id "
            f"GROUP BY g.unit_id, COALESCE(n.unit_id, 0)",
            [*given_params, *into_params],
        )
        pairs = pd.DataFrame(cursor.fetchall(), columns=["given", "into"], dtype=np.int64)
    pairs = pairs[pairs["given"].isin(given["unit"])]
    ways = pairs.groupby("given")["into"].agg(["count", "max"])
    single = ways[(ways["count"] == 1) & (ways["max"] > 0)]["max"]
    # Units some given unit of the set straddles, per set.
    sets = given[["unit", key]].drop_duplicates()
    touched = sets.merge(pairs, left_on="unit", right_on="given")
    broken = touched[~touched["given"].isin(single.index) & (touched["into"] > 0)][[key, "into"]]
    moved = given[given["unit"].isin(single.index)].copy()
    moved["unit"] = moved["unit"].map(single).astype(np.int64)
    moved = moved.merge(broken.drop_duplicates().assign(_broken=True),
                        left_on=[key, "unit"], right_on=[key, "into"], how="left")
    return moved[moved["_broken"].isna()].drop(columns=["into", "_broken"])
