"""Local Moran's I with conditional permutation inference, computed as esda computes it.

esda (``Moran_Local`` with row-standardised weights, its ``crand`` engine without numba)
gives the statistic, the quadrants and the folded pseudo p-values this module gives, to
the last bit (the tests compare them): the same standardisation, the lag summed over the
neighbours in ascending order as SciPy's sparse product sums it, the same permutations
drawn from NumPy's legacy generator seeded with ``seed``, and each unit's simulated
statistics from the same matrix-vector products.  Only the loop over units differs: units
with as many neighbours are simulated together, in blocks, instead of one by one; and the
permutations come from a generator of their own instead of NumPy's global one.  Importing
esda (with libpysal, scikit-learn and scipy.stats) takes longer than the whole
computation, so the hot-spot command does without it.

References
----------
Anselin, L. (1995). Local indicators of spatial association - LISA. Geographical
Analysis 27, 93-115.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

#: Values simulated at once (units x permutations x neighbours): about 16 MB of indices
#: and values per block.
BLOCK = 1_000_000


@dataclass(frozen=True)
class ConditionalLocalMoran:
    """``local_i`` (esda ``Is``), ``quadrant`` (esda ``q``: 1 HH, 2 LH, 3 LL, 4 HL) and
    ``p_value``, ``(larger + 1) / (permutations + 1)`` in double precision."""

    local_i: npt.NDArray[np.float64]
    quadrant: npt.NDArray[np.int64]
    p_value: npt.NDArray[np.float64]


def conditional_local_moran(
    values: npt.ArrayLike,
    neighbours: Sequence[npt.NDArray[np.int64]],
    permutations: int,
    seed: int | None,
) -> ConditionalLocalMoran:
    """Local Moran's I of ``values`` with row-standardised binary weights.

    Parameters
    ----------
    values : array_like
        One finite value per unit.
    neighbours : sequence of int arrays
        Each unit's neighbours (positions, ascending); every unit has at least one.
    permutations : int
        Conditional permutations per unit.
    seed : int or None
        Seed of the permutations (None: drawn from NumPy's global generator, as esda).
    """
    y = np.asarray(values, dtype=float).ravel()
    n = y.size
    z = y - y.mean()
    with np.errstate(all="ignore"):
        z /= y.std()
    cardinality = np.array([nb.size for nb in neighbours], dtype=np.int64)
    weight = 1.0 / cardinality
    lag = _lag(z, neighbours, cardinality, weight)
    local_i = (n - 1) * z * lag / (z * z).sum()
    above, rising = z > 0, lag > 0
    quadrant = np.where(rising, np.where(above, 1, 2), np.where(above, 4, 3)).astype(np.int64)

    if seed is None:
        seed = np.random.randint(12345, 12345000)
    widest = int(cardinality.max())
    generator = np.random.RandomState(seed)
    drawn = np.empty((permutations, widest), dtype=np.int64)
    for k in range(permutations):
        drawn[k] = generator.choice(n - 1, size=widest, replace=False)

    scaling = (n - 1) / (z * z).sum()
    larger = np.zeros(n, dtype=np.int64)
    for k in np.unique(cardinality):
        units = np.flatnonzero(cardinality == k)
        weights = np.full(k, weight[units[0]])
        columns = drawn[:, :k]
        step = max(1, BLOCK // (permutations * int(k)))
        for start in range(0, units.size, step):
            block = units[start:start + step]
            # Positions among the other units: those after unit i move up by one.
            others = columns[None, :, :] + (columns[None, :, :] >= block[:, None, None])
            zi = z[block][:, None]
            simulated = zi * (z[others] @ weights + 0.0 * zi) * scaling
            larger[block] = (simulated >= local_i[block][:, None]).sum(axis=1)
    folded = permutations - larger < larger
    larger[folded] = permutations - larger[folded]
    p_value = (larger + 1.0) / (permutations + 1.0)
    return ConditionalLocalMoran(local_i, quadrant, p_value.astype(np.float64))


def _lag(z: np.ndarray, neighbours: Sequence[np.ndarray], cardinality: np.ndarray,
         weight: np.ndarray) -> np.ndarray:
    """Each unit's weighted sum of its neighbours' values, added in ascending order."""
    lag = np.zeros(z.size)
    flat = np.concatenate(neighbours) if len(neighbours) else np.empty(0, dtype=np.int64)
    start = np.concatenate([[0], np.cumsum(cardinality)[:-1]])
    for place in range(int(cardinality.max(initial=0))):
        has = cardinality > place
        lag[has] += weight[has] * z[flat[start[has] + place]]
    return lag
