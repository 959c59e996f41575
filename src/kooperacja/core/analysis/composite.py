"""Composite deprivation index: standardised indicators, signed and weighted."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class CompositeIndex:
    """A deprivation index per unit.

    Attributes
    ----------
    names : tuple of str
        Indicators in the order of the columns of ``z``.
    z : ndarray (n, m)
        Standardised indicators, signed so that higher always means more deprived.
    weights : dict
        Weights as used, normalised to sum to 1.
    index : ndarray (n,)
        Weighted sum of ``z``; NaN for a unit missing any indicator.
    rank : ndarray (n,)
        1 for the most deprived unit; ties share the best rank; 0 where ``index`` is NaN.
    """

    names: tuple[str, ...]
    z: FloatArray
    weights: dict[str, float]
    index: FloatArray
    rank: npt.NDArray[np.int64]


def deprivation_index(
    indicators: Mapping[str, npt.ArrayLike],
    weights: Mapping[str, float] | None = None,
    directions: Mapping[str, int] | None = None,
) -> CompositeIndex:
    """Combine indicators into one deprivation index and rank the units.

    Parameters
    ----------
    indicators : mapping of name to array_like
        One value per unit for each indicator (e.g. rates per 1,000), units in the same
        order in every array; NaN where a value is hidden or undefined.
    weights : mapping of name to float, optional
        Non-negative weights; equal weights when omitted.  Normalised to sum to 1.
    directions : mapping of name to {1, -1}, optional
        1 (default) when a higher value means more deprivation (poverty rate), -1 when it
        means less (employment rate).

    Notes
    -----
    Each indicator is turned into z-scores over the units that have a value (mean 0,
    population standard deviation 1, unweighted by population: every area counts once),
    multiplied by its direction, and the index is the weighted sum.  A unit missing any
    indicator gets no index rather than one built from fewer indicators, which would not
    be comparable.  An indicator that is the same everywhere cannot be standardised and
    is refused.

    References
    ----------
    Nardo, M., Saisana, M., Saltelli, A., Tarantola, S., Hoffman, A., Giovannini, E. (2008).
    Handbook on Constructing Composite Indicators. OECD/JRC, sec. 1.5-1.6.
    Townsend, P., Phillimore, P., Beattie, A. (1988). Health and Deprivation: Inequality
    and the North. Croom Helm.
    """
    names = tuple(indicators)
    if not names:
        raise ValueError("give at least one indicator")
    weights = {name: 1.0 for name in names} if weights is None else dict(weights)
    directions = dict(directions or {})
    unknown = (set(weights) | set(directions)) - set(names)
    if unknown:
        raise ValueError(f"weights or directions for unknown indicators: {sorted(unknown)}")
    if set(weights) != set(names):
        raise ValueError(
            f"give a weight for every indicator; missing: {sorted(set(names) - set(weights))}"
        )
    if any(w < 0 for w in weights.values()) or sum(weights.values()) <= 0:
        raise ValueError("weights must be non-negative and not all 0; use directions for sign")
    total = sum(weights.values())
    used = {name: weights[name] / total for name in names}
    columns = []
    for name in names:
        direction = directions.get(name, 1)
        if direction not in (1, -1):
            raise ValueError(f"direction of {name!r} must be 1 or -1, not {direction!r}")
        x = np.asarray(indicators[name], dtype=float).ravel()
        sd = np.nanstd(x)
        if not np.isfinite(sd) or sd == 0:
            raise ValueError(
                f"indicator {name!r} has the same value in every unit: it cannot rank units"
            )
        columns.append(direction * (x - np.nanmean(x)) / sd)
    sizes = {c.size for c in columns}
    if len(sizes) > 1:
        raise ValueError("every indicator needs one value per unit, for the same units")
    z = np.column_stack(columns)
    index = z @ np.array([used[name] for name in names])
    rank = np.zeros(index.size, dtype=np.int64)
    known = np.isfinite(index)
    # scipy.stats.rankdata(..., method="min"): one more than the units ranked strictly
    # before (importing scipy.stats costs every command that imports this module a second).
    ordered = -index[known]
    rank[known] = np.searchsorted(np.sort(ordered), ordered, side="left") + 1
    return CompositeIndex(names=names, z=z, weights=used, index=index, rank=rank)
