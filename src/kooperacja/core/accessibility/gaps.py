"""Gap between need and access per unit, and the "high need, low access" flag."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

GAP_THRESHOLD = 1.0


def zscore(values: np.ndarray) -> np.ndarray:
    """Standardised values (population standard deviation); 0 for a constant series.

    NaN stays NaN and is left out of the mean and deviation.
    """
    values = np.asarray(values, dtype=float)
    finite = np.isfinite(values)
    if not finite.any():
        return np.full(len(values), np.nan)
    mean = values[finite].mean()
    sd = values[finite].std()
    if sd == 0:
        return np.where(finite, 0.0, np.nan)
    return (values - mean) / sd


@dataclass(frozen=True)
class Gap:
    """Result of :func:`gap_score` (arrays of length ``units``).

    Attributes
    ----------
    z_need, z_access
        Standardised need and access.
    score
        ``z_need − z_access``: positive where need is high for the access there.
    high_need_low_access
        Above-average need, below-average access and a score of at least the threshold.
    """

    z_need: np.ndarray
    z_access: np.ndarray
    score: np.ndarray
    high_need_low_access: np.ndarray


def gap_score(need: np.ndarray, access: np.ndarray, threshold: float = GAP_THRESHOLD) -> Gap:
    """Gap between need (e.g. clients per 1,000 residents) and access (higher is better).

    Parameters
    ----------
    need
        Need per unit; a rate, so that large units do not look needy for their size.
    access
        Access per unit where more is better: the 2SFCA, the count within reach, or the
        distance to the nearest resource with its sign turned.
    threshold
        The least score, in standard deviations, that flags a unit.

    Notes
    -----
    The difference of z-scores is the equal-weight composite of need and lack of access
    that deprivation indices use (Townsend 1987; the composite index of the analysis core).
    With equal need everywhere (residents as the only demand) ``z_need`` is 0 and the score
    is the lack of access alone.
    """
    z_need, z_access = zscore(need), zscore(access)
    score = z_need - z_access
    with np.errstate(invalid="ignore"):
        flag = (z_need >= 0) & (z_access < 0) & (score >= threshold)
    return Gap(z_need, z_access, score, flag)
