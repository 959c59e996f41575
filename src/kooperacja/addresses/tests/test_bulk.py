"""Bulk writes land every row whole, whatever the batching underneath."""

from __future__ import annotations

import numpy as np
import pytest
from django.db import connection

from kooperacja.addresses.services.bulk import write_columns

pytestmark = pytest.mark.django_db


@pytest.fixture
def scratch():
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE bulk_scratch "
                       "(n BIGINT NOT NULL, name TEXT NOT NULL, x DOUBLE PRECISION NOT NULL, "
                       "tag INTEGER NOT NULL)")
    yield "bulk_scratch"
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bulk_scratch")


def stored(table: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT n, name, x, tag FROM {table} ORDER BY n")
        return [tuple(row) for row in cursor.fetchall()]


@pytest.mark.parametrize("count", [0, 1, 99, 100, 250])
def test_it_writes_columns_of_any_length_with_a_shared_value(scratch, count):
    n = np.arange(count, dtype=np.int64)
    names = np.array([f"ulica {i} ż" for i in range(count)], dtype=object)
    write_columns(scratch, ("n", "name", "x", "tag"), [n, names, n * 0.5, 7])
    assert stored(scratch) == [(i, f"ulica {i} ż", i * 0.5, 7) for i in range(count)]


def test_it_refuses_columns_of_different_lengths(scratch):
    with pytest.raises(ValueError):
        write_columns(scratch, ("n", "name", "x", "tag"),
                      [np.arange(2), np.array(["a"], dtype=object), np.zeros(2), 1])
