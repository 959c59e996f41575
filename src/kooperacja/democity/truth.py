"""What the platform should find in the demo files: counts per estate and district, overlaps.

Counts cover the MOPS rows that are valid (the planted bad rows are left out) and place each
person at the address point the generator gave them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import codes
from .geography import Geography

WORKING_BANDS = ("18-29", "30-49", "50-64")


def estate_truth(
    geo: Geography,
    points: pd.DataFrame,
    population: pd.DataFrame,
    mops: pd.DataFrame,
    valid: np.ndarray,
    pup: pd.DataFrame,
    year: int,
) -> pd.DataFrame:
    """One row per estate for `year`: residents, address points, MOPS and PUP persons (MOPS
    persons helped because of poverty apart), overlaps, rates."""
    n = len(geo.estates)
    estate_of_point = points["estate"].to_numpy()
    latest = population[population["year"] == year]
    residents = latest.groupby("unit_code")["count"].sum()
    working = latest[latest["age_band"].isin(WORKING_BANDS)].groupby("unit_code")["count"].sum()
    m_estate = estate_of_point[mops["point"].to_numpy()][valid]
    poor = np.array(["1" in r for r in mops["reasons"]], dtype=bool)[valid]
    families = mops.loc[valid].assign(estate=m_estate).groupby("estate")["family"].nunique()
    p_estate = estate_of_point[pup["point"].to_numpy()]
    both, trained = overlap_flags(mops, valid, pup)
    table = pd.DataFrame(
        {
            "code": [e.code for e in geo.estates],
            "name": [e.name for e in geo.estates],
            "district": [e.district for e in geo.estates],
            "kind": [e.kind for e in geo.estates],
            "hot": [e.hot for e in geo.estates],
            "need": [e.need for e in geo.estates],
            "address_points": np.bincount(estate_of_point, minlength=n),
            "mops_persons": np.bincount(m_estate, minlength=n),
            "mops_families": families.reindex(range(n), fill_value=0).to_numpy(),
            "poverty_persons": np.bincount(m_estate[poor], minlength=n),
            "pup_persons": np.bincount(p_estate, minlength=n),
            "persons_both": np.bincount(p_estate[both], minlength=n),
            "same_training": np.bincount(p_estate[trained], minlength=n),
        }
    )
    table.insert(6, "residents", residents.reindex(table["code"]).to_numpy())
    table.insert(7, "working_age", working.reindex(table["code"]).to_numpy())
    table["mops_per_1000"] = (1000 * table["mops_persons"] / table["residents"]).round(2)
    table["poverty_per_1000"] = (1000 * table["poverty_persons"] / table["residents"]).round(2)
    table["pup_per_1000_working_age"] = (1000 * table["pup_persons"] / table["working_age"]).round(
        2
    )
    return table


def overlap_flags(
    mops: pd.DataFrame, valid: np.ndarray, pup: pd.DataFrame
) -> tuple[np.ndarray, np.ndarray]:
    """Per PUP row: also a valid MOPS client; and trained by both offices (INSTRUMENT_TYPES)."""
    mops_row = pup["mops_row"].to_numpy()
    both = mops_row >= 0
    both[both] = valid[mops_row[both]]
    mapping = codes.INSTRUMENT_TYPES["training"]
    mops_trained = np.array([bool(set(f) & set(mapping["mops"])) for f in mops["forms"]])
    pup_trained = np.array([bool(set(i) & set(mapping["pup"])) for i in pup["instruments"]])
    trained = both.copy()
    trained[both] = mops_trained[mops_row[both]] & pup_trained[both]
    return both, trained


def district_truth(estates: pd.DataFrame) -> pd.DataFrame:
    """The estate table summed to districts, with rates recomputed."""
    summed = estates.groupby("district", sort=True)[
        [
            "address_points",
            "residents",
            "working_age",
            "mops_persons",
            "mops_families",
            "poverty_persons",
            "pup_persons",
            "persons_both",
            "same_training",
        ]
    ].sum()
    summed["hot"] = estates.groupby("district")["hot"].any()
    summed["mops_per_1000"] = (1000 * summed["mops_persons"] / summed["residents"]).round(2)
    summed["poverty_per_1000"] = (1000 * summed["poverty_persons"] / summed["residents"]).round(2)
    summed["pup_per_1000_working_age"] = (
        1000 * summed["pup_persons"] / summed["working_age"]
    ).round(2)
    return summed.reset_index().rename(columns={"district": "code"})
