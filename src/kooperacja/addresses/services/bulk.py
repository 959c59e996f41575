"""Writing many rows at once: COPY on PostgreSQL, executemany elsewhere."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection, transaction


def write_rows(table: str, columns: Sequence[str], rows: Sequence[tuple[object, ...]]) -> None:
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


def tune_for_bulk() -> None:
    """Give SQLite a page cache big enough for random index inserts into millions of rows."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA main.cache_size = -262144")
            cursor.execute("PRAGMA temp.cache_size = -262144")
