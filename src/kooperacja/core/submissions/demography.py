"""Sex and a coarse age band of each person, derived at import before the identity is
dropped: from the PESEL (birth date and sex digit) or, without one, from a birth date.

Sex is "K" (female) or "M", as population tables write it; the age is in completed years
at the end of the submission's period. The bands are the five of the population tables
(0-17, 18-29, 30-49, 50-64, 65+) with 18-29 split at 25, because the labour office's
categories count the unemployed under 25 and under 30 (``pup_category`` do_25, do_30):
a band named in an indicator may be a stored band or one of :data:`MERGED`. Unknown
(no PESEL and no birth date, or born after the period) is None.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

import numpy as np

SEXES = ("K", "M")
# Stored on records and in counts; the lower bound of each band, in years.
AGE_BANDS = ("0-17", "18-24", "25-29", "30-49", "50-64", "65+")
_LOWER = np.array([0, 18, 25, 30, 50, 65], dtype=np.int64)
# Bands of the population tables that are a union of stored bands.
MERGED = {"18-29": ("18-24", "25-29")}
# The population tables' bands, each as the stored bands it is made of.
COARSE_BANDS = {
    "0-17": ("0-17",),
    "18-29": MERGED["18-29"],
    "30-49": ("30-49",),
    "50-64": ("50-64",),
    "65+": ("65+",),
}
_CENTURY = np.array([1900, 2000, 2100, 2200, 1800], dtype=np.int64)


def expand_bands(bands: Iterable[str]) -> list[str]:
    """The stored bands that make up ``bands`` (each a stored band or one of
    :data:`MERGED`); raises ValueError for a band that is neither."""
    out: list[str] = []
    for band in bands:
        parts = MERGED.get(band, (band,))
        for part in parts:
            if part not in AGE_BANDS:
                known = ", ".join([*AGE_BANDS, *MERGED])
                raise ValueError(f"unknown age band {band!r}; known: {known}")
            if part not in out:
                out.append(part)
    return out


def coarse_band(band: str | None) -> str | None:
    """The population tables' band a stored band belongs to (None stays None)."""
    if band is None:
        return None
    return next(name for name, parts in COARSE_BANDS.items() if band in parts)


def age_band(age: int) -> str | None:
    """The band of an age in completed years; None for a negative age."""
    if age < 0:
        return None
    return AGE_BANDS[int(np.searchsorted(_LOWER, age, side="right")) - 1]


def pesel_births(pesels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Birth dates (datetime64[D]) and sexes ("K"/"M") written in valid, compact PESELs."""
    if not len(pesels):
        return np.zeros(0, dtype="datetime64[D]"), np.zeros(0, dtype=object)
    arr = np.array([str(p) for p in pesels], dtype="U11")
    digits = arr.view(np.uint32).reshape(-1, 11).astype(np.int64) - 48
    yy = digits[:, 0] * 10 + digits[:, 1]
    mm = digits[:, 2] * 10 + digits[:, 3]
    dd = digits[:, 4] * 10 + digits[:, 5]
    year = _CENTURY[np.minimum(mm // 20, 4)] + yy
    month = mm % 20
    born = (
        (year - 1970).astype("datetime64[Y]").astype("datetime64[M]")
        + (month - 1).astype("timedelta64[M]")
    ).astype("datetime64[D]")
    born = born + (dd - 1).astype("timedelta64[D]")
    sexes = np.where(digits[:, 9] % 2 == 0, "K", "M").astype(object)
    return born, sexes


def ages(born: np.ndarray, on: datetime.date) -> np.ndarray:
    """Completed years on ``on`` of people born on ``born`` (datetime64[D]); -1 where the
    birth date is unknown (NaT)."""
    born = np.asarray(born, dtype="datetime64[D]")
    known = ~np.isnat(born)
    out = np.full(len(born), -1, dtype=np.int64)
    b = born[known]
    years = b.astype("datetime64[Y]")
    year = years.astype(np.int64) + 1970
    month = (b.astype("datetime64[M]") - years.astype("datetime64[M]")).astype(np.int64) + 1
    day = (b - b.astype("datetime64[M]").astype("datetime64[D]")).astype(np.int64) + 1
    before_birthday = (on.month < month) | ((on.month == month) & (on.day < day))
    age = on.year - year - before_birthday.astype(np.int64)
    # Born after the day: no age (the same -1 as unknown).
    out[known] = np.where(age >= 0, age, -1)
    return out


def bands_of(age: np.ndarray) -> np.ndarray:
    """The band of each age (object array); None where the age is -1 (unknown)."""
    age = np.asarray(age, dtype=np.int64)
    index = np.searchsorted(_LOWER, age, side="right") - 1
    names = np.array([*AGE_BANDS, None], dtype=object)
    return names[np.where(age >= 0, index, len(AGE_BANDS))]


def sex_and_band(
    pesels: np.ndarray, births: np.ndarray | None, on: datetime.date
) -> tuple[np.ndarray, np.ndarray]:
    """Sex ("K", "M" or None) and age band (or None) of each person on ``on``.

    ``pesels`` holds valid, compact PESELs or "" (none given); ``births`` the birth dates
    of another column (datetime64[D], NaT if not given) or None. The PESEL's birth date
    wins over the column's: it was checked against its check digit.
    """
    pesels = np.asarray(pesels, dtype=object)
    n = len(pesels)
    sexes = np.full(n, None, dtype=object)
    born = (
        np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
        if births is None
        else np.asarray(births, dtype="datetime64[D]").copy()
    )
    given = np.flatnonzero(pesels != "")
    if len(given):
        born[given], sexes[given] = pesel_births(pesels[given])
    return sexes, bands_of(ages(born, on))
