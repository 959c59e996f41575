"""PESEL validation with reasons a person can act on, one number or a whole column.

The check itself is python-stdnum's (``stdnum.pl.pesel``); :func:`check_many` repeats it
with NumPy for a column, because a million calls to stdnum take seconds, and asks stdnum
for the reason of each number it rejects. The tests keep the two in agreement.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from stdnum import exceptions
from stdnum.pl import pesel as stdnum_pesel

_WEIGHTS = np.array([1, 3, 7, 9, 1, 3, 7, 9, 1, 3], dtype=np.int64)
# The century is written in the month: +80 for the 1800s, +20 for the 2000s and so on.
_CENTURY = np.array([1900, 2000, 2100, 2200, 1800], dtype=np.int64)


class Problem(StrEnum):
    """Why a PESEL was refused; the value doubles as the rejection reason code."""

    FORMAT = "pesel_format"
    LENGTH = "pesel_length"
    CHECK_DIGIT = "pesel_check_digit"
    DATE = "pesel_date"


@dataclass(frozen=True)
class PeselCheck:
    """The outcome for one number: ``number`` in compact form when valid, else the
    ``problem`` and, for a wrong length, how many digits were found."""

    number: str | None
    problem: Problem | None = None
    digits: int | None = None

    @property
    def valid(self) -> bool:
        return self.problem is None


def compact(number: str) -> str:
    """The number without spaces and hyphens, as stdnum compares it."""
    return stdnum_pesel.compact(number)


def check(number: str) -> PeselCheck:
    """Validate one PESEL: 11 digits, a valid check digit and a real birth date.

    >>> check("44051401359").valid
    True
    >>> check("44051401358").problem
    <Problem.CHECK_DIGIT: 'pesel_check_digit'>
    >>> check("02381307589").problem
    <Problem.DATE: 'pesel_date'>
    """
    number = compact(number)
    try:
        stdnum_pesel.validate(number)
    # stdnum's InvalidLength and InvalidComponent are kinds of InvalidFormat: ask first.
    except exceptions.InvalidLength:
        return PeselCheck(None, Problem.LENGTH, digits=len(number))
    except exceptions.InvalidChecksum:
        return PeselCheck(None, Problem.CHECK_DIGIT)
    except exceptions.InvalidComponent:
        return PeselCheck(None, Problem.DATE)
    except exceptions.InvalidFormat:
        return PeselCheck(None, Problem.FORMAT)
    return PeselCheck(number)


def birth_date(number: str) -> datetime.date:
    """The birth date written in a valid PESEL (century taken from the month)."""
    return stdnum_pesel.get_birth_date(number)


def sex(number: str) -> str:
    """'F' or 'M' from the tenth digit of a valid PESEL (even: female)."""
    return stdnum_pesel.get_gender(number)


@dataclass(frozen=True)
class ColumnCheck:
    """The outcome for a column: ``valid`` (bool array), the ``numbers`` in compact form
    and, by position, the :class:`PeselCheck` of each invalid number."""

    valid: np.ndarray
    numbers: list[str]
    failures: dict[int, PeselCheck]


def check_many(numbers: Sequence[str]) -> ColumnCheck:
    """Validate a column of non-empty PESEL numbers at once; agrees with :func:`check`."""
    compacted = [n.replace(" ", "").replace("-", "").strip() for n in numbers]
    arr = np.array(compacted, dtype="U11") if compacted else np.zeros(0, dtype="U11")
    well_formed = np.array(
        [len(n) == 11 and n.isascii() and n.isdigit() for n in compacted], dtype=bool
    )
    valid = np.zeros(len(compacted), dtype=bool)
    if well_formed.any():
        # Each 11-character string becomes 11 code points; digits are 48..57.
        codes = arr[well_formed].view(np.uint32).reshape(-1, 11).astype(np.int64) - 48
        check_ok = (10 - (codes[:, :10] @ _WEIGHTS) % 10) % 10 == codes[:, 10]
        valid[np.flatnonzero(well_formed)[check_ok]] = _dates_exist(codes[check_ok])
    failures = {int(i): check(compacted[i]) for i in np.flatnonzero(~valid)}
    return ColumnCheck(valid, compacted, failures)


def _dates_exist(codes: np.ndarray) -> np.ndarray:
    yy = codes[:, 0] * 10 + codes[:, 1]
    mm = codes[:, 2] * 10 + codes[:, 3]
    dd = codes[:, 4] * 10 + codes[:, 5]
    month = mm % 20
    year = _CENTURY[np.minimum(mm // 20, 4)] + yy
    ok = (mm // 20 <= 4) & (month >= 1) & (month <= 12) & (dd >= 1)
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    days = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])[np.clip(month, 0, 12)]
    days = days + ((month == 2) & leap)
    exists: np.ndarray = ok & (dd <= days)
    return exists
