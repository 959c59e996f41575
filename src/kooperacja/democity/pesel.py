"""PESEL numbers for fictional people, generated in bulk.

PESEL = YYMMDD + 3-digit serial + sex digit (even for women) + check digit, the century
encoded in the month (+80 for the 1800s, +20 for the 2000s, ...); see docs/domain.md.
"""

from __future__ import annotations

import numpy as np

WEIGHTS = np.array([1, 3, 7, 9, 1, 3, 7, 9, 1, 3])
_CENTURY_MONTH = {18: 80, 19: 0, 20: 20, 21: 40, 22: 60}


def check_digit(first_ten: np.ndarray) -> np.ndarray:
    """Check digits for rows of ten PESEL digits."""
    return (10 - (first_ten @ WEIGHTS) % 10) % 10


def pesels(
    rng: np.random.Generator,
    birth: np.ndarray,
    female: np.ndarray,
    taken: np.ndarray | None = None,
) -> np.ndarray:
    """Valid PESELs for the given birth dates (datetime64[D]) and sexes, unique and not in `taken`."""
    year = birth.astype("datetime64[Y]").astype(int) + 1970
    month = birth.astype("datetime64[M]").astype(int) % 12 + 1
    day = (birth - birth.astype("datetime64[M]")).astype(int) + 1
    month_code = month + np.vectorize(_CENTURY_MONTH.__getitem__)(year // 100)
    prefix = ((year % 100) * 10000 + month_code * 100 + day).astype(np.int64)
    sex = female.astype(int) ^ 1
    serial = rng.integers(0, 5000, len(birth))
    taken_numbers = np.asarray(taken if taken is not None else [], dtype=object).astype(np.int64)
    for _ in range(100):
        numbers = _assemble(prefix, serial * 2 + sex)
        _, first = np.unique(numbers, return_index=True)
        clash = np.ones(len(numbers), dtype=bool)
        clash[first] = False
        clash |= np.isin(numbers, taken_numbers)
        if not clash.any():
            return np.char.zfill(numbers.astype(str), 11).astype(object)
        serial[clash] = rng.integers(0, 5000, int(clash.sum()))
    raise ValueError("too many people born on one day to give each a distinct PESEL")


def _assemble(prefix: np.ndarray, tail: np.ndarray) -> np.ndarray:
    """PESELs as integers from YYMMDD numbers and four-digit serial+sex numbers."""
    ten = prefix * 10000 + tail
    digits = (ten[:, None] // 10 ** np.arange(9, -1, -1)) % 10
    return ten * 10 + check_digit(digits)


def with_wrong_check_digit(pesel: str, shift: int) -> str:
    """The same PESEL with its check digit changed by `shift` (1..9): certainly invalid."""
    return pesel[:10] + str((int(pesel[10]) + shift) % 10)
