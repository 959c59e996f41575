"""Residents per estate by year, sex and age band, summing to the residents at its addresses."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .geography import Geography

AGE_BANDS = ("0-17", "18-29", "30-49", "50-64", "65+")
# Share of each age band by estate kind (rows sum to 1) and of women in each band.
AGE_SHARES: dict[str, tuple[float, ...]] = {
    "old_town": (0.17, 0.16, 0.27, 0.19, 0.21),
    "centre": (0.15, 0.15, 0.27, 0.20, 0.23),
    "familoki": (0.21, 0.17, 0.28, 0.18, 0.16),
    "post_industrial": (0.18, 0.15, 0.27, 0.21, 0.19),
    "blocks": (0.14, 0.12, 0.24, 0.22, 0.28),
    "mixed": (0.18, 0.13, 0.28, 0.20, 0.21),
    "houses": (0.21, 0.12, 0.31, 0.19, 0.17),
    "village": (0.19, 0.13, 0.27, 0.21, 0.20),
}
FEMALE_SHARE = (0.487, 0.49, 0.495, 0.51, 0.60)
# Yearly change: the old town and the blocks lose people, the outskirts gain.
CHANGE: dict[str, float] = {
    "old_town": -0.015,
    "centre": -0.010,
    "familoki": -0.012,
    "post_industrial": -0.012,
    "blocks": -0.008,
    "mixed": -0.002,
    "houses": 0.012,
    "village": 0.006,
}


def population_table(
    rng: np.random.Generator, geo: Geography, points: pd.DataFrame, years: tuple[int, ...]
) -> pd.DataFrame:
    """Columns unit_code, year, sex (K/M), age_band, count; one row per estate × year × sex × band.

    The last year's totals equal the residents at each estate's address points; each year
    before is derived from the one after it by the estate kind's yearly change.
    """
    residents = np.bincount(
        points["estate"], weights=points["residents"], minlength=len(geo.estates)
    )
    rows = []
    for i, estate in enumerate(geo.estates):
        age, female = np.array(AGE_SHARES[estate.kind]), np.array(FEMALE_SHARE)
        shares = np.column_stack([age * female, age * (1 - female)])
        latest = rng.multinomial(int(residents[i]), shares.ravel()).reshape(len(AGE_BANDS), 2)
        tables = [latest]
        for _ in years[:-1]:
            factor = (1 - CHANGE[estate.kind]) * (1 + rng.normal(0, 0.01, latest.shape))
            tables.insert(0, np.round(tables[0] * factor).astype(int))
        for year, table in zip(years, tables):
            for s, sex in enumerate(("K", "M")):
                for b, band in enumerate(AGE_BANDS):
                    rows.append((estate.code, year, sex, band, int(table[b, s])))
    return pd.DataFrame(rows, columns=["unit_code", "year", "sex", "age_band", "count"])
