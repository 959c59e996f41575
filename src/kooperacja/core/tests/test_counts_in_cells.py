"""The one rule for a count in a cell: whole numbers as offices write them, nothing else."""

from __future__ import annotations

import numpy as np
import pytest

from kooperacja.core.tables import (
    MAX_COUNT,
    TableError,
    read_count,
    whole_number,
    whole_numbers,
)


@pytest.mark.parametrize(("written", "count"), [
    ("3", 3), ("03", 3), ("3.0", 3), ("3,0", 3), ("3.000000000000000", 3), (" 12 ", 12),
    ("1 234", 1234), ("1\u00a0234", 1234), ("1\u202f234 567", 1234567), ("1 234,00", 1234),
    ("0,000", 0), ("1000,000", 1000),
])
def test_it_reads_whole_numbers_as_offices_write_them(written, count):
    assert whole_number(written) == count


@pytest.mark.parametrize("written", [
    "", "3.5", "2,5", "-3", "+3", "1e3", "3,000", "1.000", "1,234", "1.234.567", "12 34",
    "1  234", "tak", "3 szt.",
])
def test_it_refuses_anything_else(written):
    assert whole_number(written) is None


def test_a_column_gets_minus_one_where_a_cell_is_not_a_count():
    cells = np.array(["3,0", "x", "", "1 234", "3,0", "85010112345", "9" * 30], dtype=object)
    assert whole_numbers(cells).tolist() == [3, -1, -1, 1234, 3, MAX_COUNT + 1, MAX_COUNT + 1]


@pytest.mark.parametrize(("written", "says"), [
    ("3,5", "not a whole number of 0 or more; write a count as 12, 12,0 or 1 234"),
    ("", "the count is empty; write 0 where there were none"),
    ("85010112345", "the count is over 2147483647; check the column"),
])
def test_a_bad_cell_is_named_by_file_row_and_column_without_its_value(written, says):
    with pytest.raises(TableError) as error:
        read_count("/data/police.csv", 7, "interwencje", written)
    assert str(error.value).startswith(f"police.csv: row 7: field interwencje: {says}")
    assert not written or written not in str(error.value)
