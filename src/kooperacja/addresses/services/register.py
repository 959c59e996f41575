"""Importing the address register (PRG) and merging it into the stored points.

The file streams into a temporary staging table outside any transaction (a killed run
leaves only that table, which dies with the connection); then one transaction merges it:
unchanged points keep their row, changed ones are updated, new ones inserted, and points
of the file's gminas that it no longer lists are retired, never deleted.

The first import into an empty register has nothing to merge with: its points go straight
into their table in one transaction, each chunk with its units, and the source id's unique
index is built once at the end instead of growing in random order.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NoReturn

import numpy as np
from django.core.management.color import no_style
from django.db import IntegrityError, connection, transaction
from django.db.models import Model
from django.utils import timezone

from kooperacja.addresses.models import (
    SOURCE_ID_UNIQUE,
    AddressPoint,
    PointUnit,
    RegisterImport,
)
from kooperacja.addresses.services.bulk import tune_for_bulk, write_columns, write_rows
from kooperacja.addresses.services.dasymetric import estimate_population
from kooperacja.addresses.services.review import purge_expired_review
from kooperacja.addresses.services.units import UnitFinder, assign_units, unit_finders
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.core.prefetch import prefetched
from kooperacja.core.prg import COLUMNS, AddressChunk, PrgReadError, read_addresses
from kooperacja.core.prg.sources import open_sources
from kooperacja.territory.models import Generation
from kooperacja.territory.services.retirement import POINTS, check_retirement

STAGING = "addresses_staging"
GMINAS = "addresses_staging_gminas"
TEXT = COLUMNS[:10]
NUMERIC = COLUMNS[10:]
# Columns whose difference makes a point "changed".
COMPARED = (*TEXT[1:], *NUMERIC)


@dataclass(frozen=True)
class ImportProgress:
    """Where an import is: ``stage`` is "reading" while ``bytes_read`` of the file's
    ``bytes_total`` (uncompressed) are read and ``points`` found, then "indexing" and, when
    the register already had points, "merging"."""

    stage: str
    bytes_read: int
    bytes_total: int
    points: int


Progress = Callable[[ImportProgress], None]


class _Tracker:
    """Tells ``progress`` (if any) each step of an import; the file may be read on another
    thread than the one that counts its points."""

    def __init__(self, progress: Progress | None, bytes_total: int) -> None:
        self._progress = progress
        self._state = ImportProgress("reading", 0, bytes_total, 0)
        self._lock = threading.Lock()

    def read_to(self, position: int) -> None:
        self._tell(lambda state: replace(state, bytes_read=position))

    def found(self, points: int) -> None:
        self._tell(lambda state: replace(state, points=state.points + points))

    def stage(self, stage: str) -> None:
        self._tell(lambda state: replace(state, stage=stage))

    def _tell(self, change: Callable[[ImportProgress], ImportProgress]) -> None:
        if self._progress is not None:
            with self._lock:
                self._state = change(self._state)
                self._progress(self._state)


@dataclass
class ImportResult:
    register_import: RegisterImport
    skipped: int


def import_addresses(
    path: Path | str,
    format: str | None = None,
    crs: str | None = None,
    progress: Progress | None = None,
    *,
    skip_bad_points: bool = False,
    allow_retire: bool = False,
) -> ImportResult:
    """Import a PRG file (GML 2012/2021, converted CSV, or a ZIP) into the register.

    ``progress`` is called with an ``ImportProgress`` as the import goes on. Points the
    reader cannot use fail the import unless ``skip_bad_points``; skipped points of the
    file's gminas are then retired like any point the file leaves out. Population
    estimates spread over the points follow them. On any error the database is as it was.
    A file that would retire more than ``KOOPERACJA_RETIRE_PERCENT`` percent of its gminas'
    points is refused unless ``allow_retire`` (the territory's :mod:`retirement` guard).
    """
    path = Path(path)
    purge_expired_review()
    started = timezone.now()
    sources = open_sources(path, format)
    detected = format or ",".join(sorted({f for _, f in sources}))
    tracker = _Tracker(progress, sum(source.size for source, _ in sources))
    skipped: list[PrgReadError] = []
    on_skip = skipped.append if skip_bad_points else None
    tune_for_bulk()
    if not AddressPoint.objects.exists():
        with transaction.atomic():
            register_import = RegisterImport.objects.create(
                file_name=path.name, format=detected, started_at=started,
            )
            _load_first(path, format, crs, tracker, on_skip, register_import)
            _analyze()
            estimate_population()
        return ImportResult(register_import, len(skipped))
    _create_staging()
    try:
        total = _stage(path, format, crs, tracker, on_skip)
        tracker.stage("indexing")
        _index_staging(path)
        tracker.stage("merging")
        with transaction.atomic():
            register_import = RegisterImport.objects.create(
                file_name=path.name, format=detected, started_at=started, points=total,
            )
            _merge(register_import)
            check_retirement(path, POINTS, register_import.retired,
                             total - register_import.new + register_import.retired,
                             allow_retire)
            assign_units(Generation.objects.current(), register_import.pk)
            _analyze()
            estimate_population()
            register_import.finished_at = timezone.now()
            register_import.save(update_fields=["finished_at"])
    finally:
        _drop_staging()
    return ImportResult(register_import, len(skipped))


def _load_first(
    path: Path, format: str | None, crs: str | None, tracker: _Tracker,
    on_skip: Callable[[PrgReadError], None] | None, register_import: RegisterImport,
) -> None:
    table = AddressPoint._meta.db_table
    unique = next(c for c in AddressPoint._meta.constraints if c.name == SOURCE_ID_UNIQUE)
    editor = connection.schema_editor()
    finders = unit_finders(Generation.objects.current())
    with connection.cursor() as cursor:
        cursor.execute(str(unique.remove_sql(AddressPoint, editor)))
    foreign_keys = _drop_foreign_keys((AddressPoint, PointUnit))
    chunks = read_addresses(path, format, crs, on_skip=on_skip, on_read=tracker.read_to)
    total = 0
    for chunk, ids, units in prefetched(_located(chunks, finders)):
        write_columns(table, ("id", "register_import_id", *COLUMNS),
                      [ids, register_import.pk, *_columns(chunk)])
        for finder, units_of_generation in zip(finders, units):
            finder.store(ids, units_of_generation)
        total += len(ids)
        tracker.found(len(ids))
    if total == 0:
        raise PrgReadError(path, N_("the file holds no address points"))
    tracker.stage("indexing")
    if foreign_keys:
        connection.check_constraints()
        with connection.cursor() as cursor:
            for statement in foreign_keys:
                cursor.execute(statement)
    if connection.vendor == "postgresql":
        # PostgreSQL indexes no table with deferred foreign-key checks pending: run them.
        connection.check_constraints()
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(str(unique.create_sql(AddressPoint, editor)))
    except IntegrityError:
        _raise_duplicate(path, table)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [AddressPoint]):
            cursor.execute(sql)
    register_import.points = register_import.new = total
    register_import.finished_at = timezone.now()
    register_import.save(update_fields=["points", "new", "finished_at"])


def _analyze() -> None:
    """On PostgreSQL, renew the planner's statistics of the points and their units.

    Without them, after a load of millions of rows nobody had analysed yet (autovacuum
    gets to it late on a busy server), the planner took the unit table for empty and read
    a whole generation (22.5 million rows for the country) for each batch of points an
    import counts: 212 s of a 50,000-row extract's import instead of under one.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in (AddressPoint, PointUnit):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def _drop_foreign_keys(models: Iterable[type[Model]]) -> list[str]:
    """On PostgreSQL, drop the foreign keys of ``models``' (empty) tables; the statements
    that add them back.

    Each row written under a deferred foreign key queues a check that runs at the end,
    one lookup per row and key: for the country's register (7.5 million points and a
    unit row per point and level, four keys each) that took longer than the load. Added
    back, each key is checked by one join over the whole table. Dropping a key locks the
    tables it refers to (units, levels, generations, register imports) as well as its
    own until the import commits: pages that read units wait for a first import, which
    comes when an installation is set up.
    """
    if connection.vendor != "postgresql":
        return []
    quote = connection.ops.quote_name
    restore = []
    # No table is altered with checks of its rows pending: run those of earlier writes.
    connection.check_constraints()
    with connection.cursor() as cursor:
        for model in models:
            table = model._meta.db_table
            cursor.execute("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                           "WHERE conrelid = %s::regclass AND contype = 'f' ORDER BY conname",
                           [table])
            for name, definition in cursor.fetchall():
                cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
                restore.append(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} "
                               f"{definition}")
    return restore


def _located(
    chunks: Iterable[AddressChunk], finders: list[UnitFinder],
) -> Iterator[tuple[AddressChunk, np.ndarray, list[np.ndarray]]]:
    """For each chunk: the chunk, its points' ids (counted from 1), and their units for
    each finder."""
    first = 1
    for chunk in chunks:
        ids = np.arange(first, first + len(chunk))
        first += len(chunk)
        yield chunk, ids, [finder.units(chunk.lon, chunk.lat) for finder in finders]


def _columns(chunk: AddressChunk) -> list[np.ndarray]:
    """The chunk's columns in ``COLUMNS`` order."""
    return [getattr(chunk, name) for name in COLUMNS]


def _raise_duplicate(path: Path, table: str) -> NoReturn:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT source_id FROM {table} GROUP BY source_id "
                       "HAVING COUNT(*) > 1 LIMIT 1")
        (duplicate,) = cursor.fetchone()
    raise PrgReadError(path, N_("the point %(id)s comes twice in the file"),
                       {"id": duplicate}) from None


def _create_staging() -> None:
    columns = [f"{name} TEXT NOT NULL" for name in TEXT] + [
        f"{name} DOUBLE PRECISION NOT NULL" for name in NUMERIC
    ]
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {STAGING}")
        cursor.execute(f"DROP TABLE IF EXISTS {GMINAS}")
        cursor.execute(f"CREATE TEMPORARY TABLE {STAGING} ({', '.join(columns)})")
        cursor.execute(f"CREATE TEMPORARY TABLE {GMINAS} "
                       "(gmina TEXT PRIMARY KEY, points INTEGER NOT NULL)")


def _drop_staging() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {STAGING}")
        cursor.execute(f"DROP TABLE IF EXISTS {GMINAS}")


def _stage(
    path: Path, format: str | None, crs: str | None, tracker: _Tracker,
    on_skip: Callable[[PrgReadError], None] | None,
) -> int:
    """Write the file's points, and the gminas it covers with their points' number, to the
    staging tables."""
    total = 0
    gminas: Counter[str] = Counter()
    for chunk in read_addresses(path, format, crs, on_skip=on_skip, on_read=tracker.read_to):
        write_columns(STAGING, COLUMNS, _columns(chunk))
        gminas.update(chunk.teryt_gmina.tolist())
        total += len(chunk)
        tracker.found(len(chunk))
    if total == 0:
        raise PrgReadError(path, N_("the file holds no address points"))
    write_rows(GMINAS, ("gmina", "points"), list(gminas.items()))
    return total


def _index_staging(path: Path) -> None:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"CREATE UNIQUE INDEX {STAGING}_source ON {STAGING} (source_id)")
    except IntegrityError:
        _raise_duplicate(path, STAGING)


def _merge(register_import: RegisterImport) -> None:
    table = AddressPoint._meta.db_table
    now = timezone.now()
    assignments = ", ".join(f"{name} = s.{name}" for name in COMPARED)
    differs = " OR ".join(f"{table}.{name} <> s.{name}" for name in COMPARED)
    names = ", ".join(COLUMNS)
    with connection.cursor() as cursor:
        # Two statements rather than one INSERT ... ON CONFLICT DO UPDATE: the INSERT walks
        # both source-id indexes in order and costs a tenth of the UPDATE, so the single
        # statement, looking up every point of the file in the table's index, was no faster
        # on SQLite; it would also use up an id for every unchanged point and, on
        # PostgreSQL, lock every unchanged row.
        cursor.execute(
            f"UPDATE {table} SET {assignments}, register_import_id = %s, retired_at = NULL "
            f"FROM {STAGING} s WHERE {table}.source_id = s.source_id "
            f"AND ({differs} OR {table}.retired_at IS NOT NULL)", [register_import.pk],
        )
        changed = cursor.rowcount
        # Inserting in source-id order appends to the unique index instead of scattering.
        cursor.execute(
            f"INSERT INTO {table} ({names}, register_import_id) "
            f"SELECT {', '.join('s.' + n for n in COLUMNS)}, %s FROM {STAGING} s "
            f"WHERE NOT EXISTS (SELECT 1 FROM {table} p WHERE p.source_id = s.source_id) "
            f"ORDER BY s.source_id", [register_import.pk],
        )
        new = cursor.rowcount
        retired = 0
        # Every point of the file is now an active point of its gmina: a gmina with no
        # more active points than the file lists there has none to retire. Points this
        # import just wrote are in the file, so only older ones need looking up.
        cursor.execute(
            f"DELETE FROM {GMINAS} WHERE (gmina, points) IN (SELECT teryt_gmina, COUNT(*) "
            f"FROM {table} WHERE retired_at IS NULL GROUP BY teryt_gmina)"
        )
        cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {GMINAS})")
        if cursor.fetchone()[0]:
            cursor.execute(
                f"UPDATE {table} SET retired_at = %s, register_import_id = %s "
                f"WHERE retired_at IS NULL AND register_import_id <> %s "
                f"AND teryt_gmina IN (SELECT gmina FROM {GMINAS}) "
                f"AND NOT EXISTS (SELECT 1 FROM {STAGING} s WHERE s.source_id = {table}.source_id)",
                [now, register_import.pk, register_import.pk],
            )
            retired = cursor.rowcount
    register_import.new = new
    register_import.changed = changed
    register_import.unchanged = register_import.points - new - changed
    register_import.retired = retired
    register_import.save(update_fields=["new", "changed", "unchanged", "retired"])
