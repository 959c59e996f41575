"""Client overlap between two institutions: people both serve, and people who got the
same kind of help (an instrument type) from both."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

WHOLE_TERRITORY = "*"


def overlap(
    a: pd.DataFrame,
    b: pd.DataFrame,
    instrument_types: Sequence[str],
    units: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Persons served by both institutions, per unit and for the whole territory.

    Parameters
    ----------
    a, b : pandas.DataFrame
        One institution's records each, long format: ``person`` (pseudonym),
        ``unit_code`` (the unit of the record's address point at the chosen level; None
        where the address was not placed) and ``instrument_type`` (None where the record
        has none). A person with several records or instrument types has several rows.
    instrument_types : sequence of str
        The instrument types to report, one ``same_<type>`` column each.
    units : sequence of str, optional
        Units to report even where nobody is shared (their counts are 0).

    Returns
    -------
    pandas.DataFrame
        ``unit_code``, ``persons_both`` and ``same_<type>`` per instrument type: one row
        per unit (sorted) and a last row with unit code ``*`` for the whole territory.

    Notes
    -----
    A shared person is counted in every unit where either institution places them, so
    when the offices hold different addresses the unit rows add up to more than the
    ``*`` row, which counts each person once. The result does not depend on which
    institution is ``a``. Persons of unplaced records count in ``*`` only.
    """
    both = np.intersect1d(a["person"].unique(), b["person"].unique())
    shared = {"persons_both": both}
    for kind in instrument_types:
        got_a = a.loc[a["instrument_type"] == kind, "person"].unique()
        got_b = b.loc[b["instrument_type"] == kind, "person"].unique()
        shared[f"same_{kind}"] = np.intersect1d(got_a, got_b)

    placed = pd.concat([a[["person", "unit_code"]], b[["person", "unit_code"]]])
    placed = placed[placed["unit_code"].notna() & placed["person"].isin(both)]
    placed = placed.drop_duplicates()
    columns = {
        name: placed.loc[placed["person"].isin(people), "unit_code"].value_counts()
        for name, people in shared.items()
    }
    unit_codes = sorted(set(placed["unit_code"]) | set(units or ()))
    table = pd.DataFrame(columns, index=pd.Index(unit_codes, name="unit_code"))
    table = table.reindex(unit_codes).fillna(0).astype(np.int64).reset_index()
    whole = {"unit_code": WHOLE_TERRITORY} | {name: len(p) for name, p in shared.items()}
    return pd.concat([table, pd.DataFrame([whole])], ignore_index=True)
