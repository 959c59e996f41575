"""Writing many rows at once: COPY on PostgreSQL, multi-row INSERTs or executemany elsewhere."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

import numpy as np
from django.db import connection, transaction

# Rows per multi-row INSERT on SQLite: beyond about a hundred the statement gets no faster.
_ROWS_PER_INSERT = 100


def write_rows(table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Append ``rows`` to ``table``; the fastest portable path for each database."""
    if not rows:
        return
    names = ", ".join(columns)
    # One transaction per batch: in autocommit SQLite would commit after every row.
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def write_columns(table: str, columns: Sequence[str], values: Sequence[object]) -> None:
    """Append rows given column by column: ``values`` holds, for each of ``columns``, a
    NumPy array (or list) of the rows' values, or one value that every row gets."""
    lengths = {len(v) for v in values if isinstance(v, (np.ndarray, list))}
    if len(lengths) != 1:
        raise ValueError("write_columns needs at least one column of values, all as long")
    (count,) = lengths
    if count == 0:
        return
    # Rows as one object array: NumPy turns its numbers into Python ones, which both
    # drivers bind, and the rows come out flat without a Python loop over them.
    table_of_rows = np.empty((count, len(columns)), dtype=object)
    for index, column in enumerate(values):
        table_of_rows[:, index] = column
    if connection.vendor != "sqlite":
        write_rows(table, columns, table_of_rows.tolist())
        return
    flat = table_of_rows.ravel().tolist()
    del table_of_rows
    connection.ensure_connection()
    raw = connection.connection
    width = len(columns)
    limit = raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    per_insert = max(1, min(_ROWS_PER_INSERT, limit // width))
    step = per_insert * width
    whole = len(flat) - len(flat) % step
    names = ", ".join(columns)
    marks = "(" + ", ".join(["?"] * width) + ")"

    def insert(rows: int) -> str:
        return f"INSERT INTO {table} ({names}) VALUES {', '.join([marks] * rows)}"

    # One statement per hundred rows instead of per row: SQLite then runs its per-statement
    # work (AUTOINCREMENT's sqlite_sequence row, reset, rebinding) a hundred times less
    # often. The raw cursor skips Django's query rewriting, which would parse every one
    # of these long statements again; errors still come out as Django's.
    with transaction.atomic(), connection.wrap_database_errors:
        cursor = raw.cursor()
        try:
            if whole:
                cursor.executemany(
                    insert(per_insert), (flat[i:i + step] for i in range(0, whole, step))
                )
            if whole < len(flat):
                cursor.execute(insert((len(flat) - whole) // width), flat[whole:])
        finally:
            cursor.close()


def tune_for_bulk() -> None:
    """Give SQLite a page cache big enough for random index inserts into millions of rows."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA main.cache_size = -262144")
            cursor.execute("PRAGMA temp.cache_size = -262144")
