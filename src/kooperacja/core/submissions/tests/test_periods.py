from __future__ import annotations

import datetime

import pytest

from kooperacja.core.submissions.periods import PeriodError, parse_period


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2025", (2025, 1, 1), (2025, 12, 31)),
        ("2025-H1", (2025, 1, 1), (2025, 6, 30)),
        ("2025-h2", (2025, 7, 1), (2025, 12, 31)),
        ("2025-Q3", (2025, 7, 1), (2025, 9, 30)),
        ("2024-02", (2024, 2, 1), (2024, 2, 29)),
    ],
)
def test_it_reads_years_halves_quarters_and_months(
    text: str, start: tuple[int, int, int], end: tuple[int, int, int]
) -> None:
    period = parse_period(text)
    assert (period.start, period.end) == (datetime.date(*start), datetime.date(*end))


@pytest.mark.parametrize("text", ["2025-13", "2025-Q5", "25", "2025/07", "H1-2025"])
def test_it_shows_the_accepted_forms_for_anything_else(text: str) -> None:
    with pytest.raises(PeriodError, match="2025-H1|01 to 12"):
        parse_period(text)
