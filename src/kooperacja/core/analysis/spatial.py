"""Spatial autocorrelation: global Moran's I, Local Moran's I (LISA) and Getis-Ord Gi*.

Wrappers over esda that keep results aligned with the units, leave units without
neighbours out (and say so), use a seed by default so a rerun gives the same map, and
correct the local p-values for the number of units tested (Benjamini-Hochberg).  Local
Moran's I is esda's computation written out with NumPy (:mod:`.lisa`), and the
correction SciPy's: importing esda, libpysal and scipy.stats takes a hot-spot command
longer than all its work, so they are imported only by the statistics that need them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from kooperacja.core.analysis.lisa import conditional_local_moran
from kooperacja.core.analysis.weights import SpatialWeights
from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_

if TYPE_CHECKING:
    from libpysal.weights import W

FloatArray = npt.NDArray[np.float64]
LabelArray = npt.NDArray[np.str_]

#: esda's quadrant codes (``Moran_Local.q``) as map labels.
QUADRANTS = {1: "HH", 2: "LH", 3: "LL", 4: "HL"}
NOT_SIGNIFICANT = "ns"
MINIMUM_PERMUTATIONS = 99
ISLAND = "island"


@dataclass(frozen=True)
class GlobalMoran:
    """Global Moran's I of one variable.

    ``p_value`` is the permutation pseudo p-value (esda ``p_sim``), ``z`` and
    ``p_normal`` the analytical ones under normality; ``n`` counts the units tested.
    """

    i: float
    expected: float
    z: float
    p_normal: float
    p_value: float
    permutations: int
    seed: int | None
    n: int
    islands: tuple[int, ...]


@dataclass(frozen=True)
class LocalMoran:
    """Local Moran's I per unit, with LISA cluster labels.

    ``quadrant`` is where the unit lies in the Moran scatter plot whatever its
    significance; ``cluster`` is the quadrant where ``p_fdr`` (or ``p_value`` when no
    correction was asked) is at most ``alpha``, "ns" otherwise and "island" for a unit
    without neighbours (its statistics are NaN).
    """

    value: FloatArray
    local_i: FloatArray
    quadrant: LabelArray
    p_value: FloatArray
    p_fdr: FloatArray
    cluster: LabelArray
    alpha: float
    fdr: bool
    permutations: int
    seed: int | None
    islands: tuple[int, ...]


@dataclass(frozen=True)
class HotSpots:
    """Getis-Ord Gi* per unit: ``cluster`` is "hot", "cold", "ns" or "island"."""

    value: FloatArray
    gi_z: FloatArray
    p_value: FloatArray
    p_fdr: FloatArray
    cluster: LabelArray
    alpha: float
    fdr: bool
    permutations: int
    seed: int | None
    islands: tuple[int, ...]


def fdr_adjust(p_values: npt.ArrayLike) -> FloatArray:
    """Benjamini-Hochberg adjusted p-values (NaN stays NaN).

    A unit is significant at false-discovery rate ``alpha`` when its adjusted p-value is
    at most ``alpha``; this is the same decision as esda.fdr's threshold.

    References
    ----------
    Benjamini, Y., Hochberg, Y. (1995). Controlling the false discovery rate: a practical
    and powerful approach to multiple testing. JRSS B 57, 289-300.
    Caldas de Castro, M., Singer, B. H. (2006). Controlling the false discovery rate: a
    new application to account for multiple and dependent tests in local statistics of
    spatial association. Geographical Analysis 38, 180-208.
    """
    p = np.asarray(p_values, dtype=float)
    out = np.full(p.shape, np.nan)
    known = np.isfinite(p)
    if known.any():
        out[known] = _benjamini_hochberg(p[known])
    return out


def _benjamini_hochberg(p: FloatArray) -> FloatArray:
    """``scipy.stats.false_discovery_control(p, method="bh")``, step by step (the tests
    compare the two): each sorted p-value times ``m / rank``, then the smallest of it and
    every later one, capped at 1."""
    if p.size <= 1:
        return p
    order = np.argsort(p)
    adjusted = p[order] * (p.size / np.arange(1, p.size + 1, dtype=p.dtype))
    np.minimum.accumulate(adjusted[::-1], out=adjusted[::-1])
    out = np.empty_like(adjusted)
    out[order] = adjusted
    return np.clip(out, 0.0, 1.0)


def _tested(values: npt.ArrayLike, weights: SpatialWeights) -> tuple[FloatArray, np.ndarray]:
    """Values of the units with neighbours, and their positions."""
    y = np.asarray(values, dtype=float).ravel()
    if y.size != weights.n:
        raise ValueError(f"{y.size} values for {weights.n} units: pass one value per unit")
    if not np.all(np.isfinite(y)):
        bad = np.flatnonzero(~np.isfinite(y))[:5].tolist()
        raise ValueError(
            f"units at positions {bad} have no value (NaN); leave them out of both the values "
            "and the geometries, or use smoothed rates"
        )
    keep = np.setdiff1d(np.arange(y.size), weights.unconnected)
    if keep.size < 3:
        raise ValueError("fewer than three units have neighbours: nothing to test")
    return y[keep], keep


def _connected(values: npt.ArrayLike, weights: SpatialWeights) -> tuple[FloatArray, np.ndarray, W]:
    """Values, positions of units with neighbours, and a fresh W over those units."""
    from libpysal.weights import W, w_subset

    y, keep = _tested(values, weights)
    ids = [weights.w.id_order[i] for i in keep]
    w = w_subset(weights.w, ids, silence_warnings=True) if keep.size < weights.n else weights.w
    # esda sets the transform on the W it gets: give it a copy so the caller's stays binary.
    fresh = W(dict(w.neighbors), dict(w.weights), id_order=list(w.id_order), silence_warnings=True)
    return y, keep, fresh


def check_inference(permutations: int, alpha: float, seed: int | None = None) -> None:
    """Refuse permutation settings that cannot give a usable test, in the user's words."""
    if permutations < MINIMUM_PERMUTATIONS:
        raise UserError(
            None,
            N_("Use at least 99 permutations (999 recommended), not %(permutations)s: with fewer, "
               "no unit can reach p = 0.01."),
            {"permutations": permutations},
        )
    if seed is not None and not 0 <= seed < 2**32:
        raise UserError(
            None, N_("The seed must be a whole number from 0 to 4294967295, not %(seed)s."),
            {"seed": seed},
        )
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be between 0 and 1, got {alpha}")


def stable_permutations(units: int, alpha: float = 0.05) -> int:
    """Fewest permutations with which the most significant units of a false-discovery-rate
    map pass on their own, whatever the seed.

    Benjamini-Hochberg keeps the unit of rank r when ``p <= r * alpha / units``; the
    smallest pseudo p-value is ``1 / (permutations + 1)``.  With fewer than
    ``units / alpha`` permutations even the strongest units sit on a coarse step of p
    above the first thresholds, and whether they pass turns on how many units a seed puts
    on that step: another seed draws another map.  Rounded up to a thousand, minus one.
    """
    return int(np.ceil(units / alpha / 1000)) * 1000 - 1


def global_moran(
    values: npt.ArrayLike,
    weights: SpatialWeights,
    *,
    permutations: int = 999,
    seed: int | None = 0,
) -> GlobalMoran:
    """Global Moran's I with row-standardised weights (esda.Moran).

    References
    ----------
    Moran, P. A. P. (1950). Notes on continuous stochastic phenomena. Biometrika 37, 17-23.
    Cliff, A. D., Ord, J. K. (1981). Spatial Processes: Models and Applications. Pion.
    """
    import esda

    check_inference(permutations, 0.05, seed)
    y, _, w = _connected(values, weights)
    # esda.Moran draws its permutations from NumPy's global generator and takes no seed.
    state = np.random.get_state()
    if seed is not None:
        np.random.seed(seed)
    try:
        moran = esda.Moran(y, w, transformation="r", permutations=permutations)
    finally:
        np.random.set_state(state)
    return GlobalMoran(
        i=float(moran.I),
        expected=float(moran.EI),
        z=float(moran.z_norm),
        p_normal=float(moran.p_norm),
        p_value=float(pseudo_p(moran.p_sim, permutations)),
        permutations=permutations,
        seed=seed,
        n=int(y.size),
        islands=weights.unconnected,
    )


#: Relative slack of ``p <= alpha``: a Benjamini-Hochberg p-value ``p * n / rank`` that is
#: alpha in exact arithmetic may come out a bit above it in floating point.
ROUNDING = 1e-9


def _significant(p: FloatArray, p_fdr: FloatArray, alpha: float, fdr: bool) -> np.ndarray:
    return (p_fdr if fdr else p) <= alpha * (1 + ROUNDING)


def _labelled(
    values: npt.ArrayLike, weights: SpatialWeights, p: FloatArray, labels: LabelArray, *,
    alpha: float, fdr: bool, permutations: int, seed: int | None,
) -> dict[str, Any]:
    """What every local test reports besides its statistic: the values, p-values (raw and
    FDR-adjusted), and each unit's cluster: its ``labels`` where significant, "ns" where
    not, "island" for a unit without neighbours."""
    p_fdr = fdr_adjust(p)
    cluster = np.where(_significant(p, p_fdr, alpha, fdr), labels, NOT_SIGNIFICANT)
    cluster[list(weights.unconnected)] = ISLAND
    return {"value": np.asarray(values, dtype=float).ravel(), "p_value": p, "p_fdr": p_fdr,
            "cluster": cluster, "alpha": alpha, "fdr": fdr, "permutations": permutations,
            "seed": seed, "islands": weights.unconnected}


def pseudo_p(p_sim: npt.ArrayLike, permutations: int) -> FloatArray:
    """esda's pseudo p-values ``(larger + 1) / (permutations + 1)`` recomputed in double
    precision.

    Some esda statistics return ``p_sim`` as float32, where 50/1000 is 0.0500000007 and
    a unit at exactly p = 0.05 would test as not significant at alpha = 0.05.  The count
    behind each value is a whole number, so rounding ``p_sim * (permutations + 1)``
    recovers it exactly.
    """
    p = np.asarray(p_sim, dtype=np.float64)
    return np.rint(p * (permutations + 1)) / (permutations + 1)


def _spread(n: int, keep: np.ndarray, part: npt.ArrayLike) -> FloatArray:
    """Unit-aligned array: the tested units' results, NaN for islands."""
    out = np.full(n, np.nan)
    out[keep] = np.asarray(part, dtype=float).ravel()
    return out


def _subset(weights: SpatialWeights, keep: np.ndarray) -> list[np.ndarray]:
    """The neighbours of the units at ``keep``, numbered by their place in ``keep``
    (units left out have no neighbours, so no one loses one)."""
    if keep.size == weights.n:
        return list(weights.neighbours)
    place = np.full(weights.n, -1, dtype=np.int64)
    place[keep] = np.arange(keep.size)
    return [place[weights.neighbours[i]] for i in keep]


def local_moran(
    values: npt.ArrayLike,
    weights: SpatialWeights,
    *,
    permutations: int = 999,
    seed: int | None = 0,
    alpha: float = 0.05,
    fdr: bool = True,
) -> LocalMoran:
    """Local Moran's I (LISA) with conditional permutation inference (esda.Moran_Local).

    Parameters
    ----------
    values : array_like
        One value per unit (e.g. smoothed rates), in the order of ``weights``.
    weights : SpatialWeights
        Neighbours; row-standardised for the statistic.
    permutations : int
        Conditional permutations per unit; the smallest attainable pseudo p-value is
        ``1 / (permutations + 1)``.
    seed : int or None
        Seed of the permutations; None draws a fresh one (not reproducible).
    alpha : float
        Significance level for the cluster labels.
    fdr : bool
        Label clusters by Benjamini-Hochberg adjusted p-values (default) instead of raw
        pseudo p-values.

    Notes
    -----
    ``p_value`` is esda's folded one-sided pseudo p-value ``p_sim``, as in GeoDa; the
    statistic, quadrants and p-values are esda's to the last bit (see
    :func:`.lisa.conditional_local_moran`).

    References
    ----------
    Anselin, L. (1995). Local indicators of spatial association - LISA. Geographical
    Analysis 27, 93-115.
    Benjamini and Hochberg (1995): see :func:`fdr_adjust`.
    """
    check_inference(permutations, alpha, seed)
    y, keep = _tested(values, weights)
    lisa = conditional_local_moran(y, _subset(weights, keep), permutations, seed)
    n = weights.n
    quadrant = np.full(n, ISLAND, dtype="<U6")
    quadrant[keep] = [QUADRANTS[int(q)] for q in lisa.quadrant]
    return LocalMoran(
        local_i=_spread(n, keep, lisa.local_i),
        quadrant=quadrant,
        **_labelled(values, weights, _spread(n, keep, lisa.p_value), quadrant, alpha=alpha,
                    fdr=fdr, permutations=permutations, seed=seed),
    )


def getis_ord(
    values: npt.ArrayLike,
    weights: SpatialWeights,
    *,
    permutations: int = 999,
    seed: int | None = 0,
    alpha: float = 0.05,
    fdr: bool = True,
) -> HotSpots:
    """Getis-Ord Gi* hot and cold spots (esda.G_Local with ``star=True``, binary weights).

    ``gi_z`` is the standardised Gi* (esda ``Zs``): positive where high values cluster.
    ``p_value`` is the permutation pseudo p-value (esda ``p_sim``); a significant unit is
    "hot" when ``gi_z > 0`` and "cold" otherwise.  Gi* is meant for non-negative values
    such as rates.

    References
    ----------
    Getis, A., Ord, J. K. (1992). The analysis of spatial association by use of distance
    statistics. Geographical Analysis 24, 189-206.
    Ord, J. K., Getis, A. (1995). Local spatial autocorrelation statistics: distributional
    issues and an application. Geographical Analysis 27, 286-306.
    """
    import esda

    check_inference(permutations, alpha, seed)
    y, keep, w = _connected(values, weights)
    if np.any(y < 0):
        raise ValueError("Gi* needs non-negative values (rates, counts); use local_moran instead")
    gi = esda.G_Local(
        y,
        w,
        transform="B",
        star=True,
        permutations=permutations,
        seed=seed,
        keep_simulations=False,
        n_jobs=1,
    )
    n = weights.n
    z = _spread(n, keep, gi.Zs)
    p = _spread(n, keep, pseudo_p(gi.p_sim, permutations))
    return HotSpots(
        gi_z=z,
        **_labelled(values, weights, p, np.where(z > 0, "hot", "cold").astype("<U6"),
                    alpha=alpha, fdr=fdr, permutations=permutations, seed=seed),
    )
