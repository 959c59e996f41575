"""Need per unit from an indicator: its rate after disclosure control, and its counts.

The rate comes from the indicators' published output for an audience, so a unit whose
value that audience may not see has no need (NaN). The counts are the true numerators,
internal to the accessibility command, which publishes only sums over catchments.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kooperacja.indicators.models import Indicator
from kooperacja.indicators.services.audiences import get_indicator
from kooperacja.indicators.services.compute import compute_indicator
from kooperacja.indicators.services.inputs import Provenance, raw_counts
from kooperacja.indicators.services.protection import Audience
from kooperacja.territory.models import Unit


@dataclass(frozen=True)
class Need:
    """An indicator's values for ``units`` (position-aligned).

    Attributes
    ----------
    rate
        The published value (per ``indicator.per``); NaN where hidden or undefined.
    label
        What a reader sees instead of a hidden value; empty where the value is shown.
    k
        The disclosure threshold the values were published at.
    """

    indicator: Indicator
    rate: np.ndarray
    label: list[str]
    k: int


def published_need(code: str, period: str, level: str, units: list[Unit],
                   audience: Audience) -> Need:
    """The indicator's rate per unit of ``level`` as ``audience`` may see it."""
    indicator = get_indicator(code, audience)
    result = compute_indicator(indicator, period, audience, levels=[level])
    rows = {row["unit_code"]: row for row in result.level(level).rows}
    rate = np.array([_value(rows.get(u.code)) for u in units], dtype=float)
    label = [rows[u.code]["label"] if u.code in rows else "" for u in units]
    return Need(indicator, rate, label, result.k)


def numerator_counts(indicator: Indicator, period: str, units: list[Unit]) -> np.ndarray:
    """The true numerator of each unit: demand for the accessibility command only."""
    raw = raw_counts(indicator, period, Provenance(), audience="analyst")
    by_pk = dict(zip((u.pk for u in raw.units), raw.numerator))
    return np.array([by_pk.get(u.pk, 0) for u in units], dtype=float)


def _value(row: dict[str, object] | None) -> float:
    value = None if row is None else row["value"]
    return np.nan if value is None else float(value)  # type: ignore[arg-type]
