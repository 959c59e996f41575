"""Reporting periods: a year, a half-year, a quarter or a month."""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from ..errors import UserError
from ..errors import gettext_noop as N_

_PATTERN = re.compile(r"^(\d{4})(?:-(?:([Hh])([12])|([Qq])([1-4])|(\d{2})))?$")


class PeriodError(UserError):
    """A period written in a form we do not read; the message shows the accepted forms."""


@dataclass(frozen=True)
class Period:
    """A reporting period with its first and last day (both inclusive)."""

    label: str
    start: datetime.date
    end: datetime.date


def parse_period(text: str) -> Period:
    """Read "2025", "2025-H1", "2025-Q3" or "2025-07".

    >>> parse_period("2025-Q3")
    Period(label='2025-Q3', start=datetime.date(2025, 7, 1), end=datetime.date(2025, 9, 30))
    """
    match = _PATTERN.match(text.strip())
    if not match:
        raise PeriodError(
            None, N_("Period %(period)s is not one we read: write a year (2025), a half-year "
                     "(2025-H1), a quarter (2025-Q3) or a month (2025-07)."),
            {"period": repr(text.strip())},
        )
    year = int(match[1])
    if match[3]:
        first, months, label = 6 * int(match[3]) - 5, 6, f"{year}-H{match[3]}"
    elif match[5]:
        first, months, label = 3 * int(match[5]) - 2, 3, f"{year}-Q{match[5]}"
    elif match[6]:
        first, months, label = int(match[6]), 1, f"{year}-{match[6]}"
        if not 1 <= first <= 12:
            raise PeriodError(None, N_("Period %(period)s: a month is 01 to 12."),
                              {"period": repr(text.strip())})
    else:
        first, months, label = 1, 12, str(year)
    last = first + months - 1
    end = datetime.date(year, last, calendar.monthrange(year, last)[1])
    return Period(label, datetime.date(year, first, 1), end)
