"""How need changes over the demo's periods: most estates drift a little, a few move markedly.

The latest period keeps the need the geography planted (so its hot spots are as clear as
ever); earlier periods are derived backwards from each estate's growth between the first and
the last period. Two estates grew markedly (one of the post-industrial hot spots, after a
closure; one ordinary estate of blocks or mixed housing) and two fell (one in the old centre,
after its renewal; one ordinary estate), so "where it grew most" has an answer.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .geography import Geography

PERIODS = (2023, 2024, 2025)
# Growth of need from the first period to the last (a factor), and the usual drift's spread.
GREW_HOT = 1.7
GREW_ORDINARY = 2.2
FELL_HOT = 0.7
FELL_ORDINARY = 0.55
DRIFT_SIGMA = 0.06


@dataclass(frozen=True)
class Trend:
    """Need per estate (in `geo.estates` order) for each period, and the planted movers."""

    periods: tuple[int, ...]
    need: dict[int, np.ndarray]
    growth: np.ndarray
    grew: tuple[str, ...]
    fell: tuple[str, ...]


def plant_trend(
    rng: np.random.Generator, geo: Geography, residents: np.ndarray, periods: tuple[int, ...]
) -> Trend:
    """Choose the movers and derive every period's need; `residents` per estate picks the
    movers among the larger estates, whose rates are published rather than suppressed."""
    n = len(geo.estates)
    kind = np.array([e.kind for e in geo.estates])
    hot = np.array([e.hot for e in geo.estates])
    code = np.array([e.code for e in geo.estates])
    large = residents >= np.median(residents)
    industrial = np.isin(code, geo.hot_clusters[-1])
    centre = np.isin(code, geo.hot_clusters[0])
    ordinary = ~hot & np.isin(kind, ("blocks", "mixed", "centre")) & large

    growth = rng.lognormal(0.0, DRIFT_SIGMA, n)
    chosen: list[int] = []
    for pool, factor in (
        (industrial & large, GREW_HOT),
        (ordinary, GREW_ORDINARY),
        (centre & large, FELL_HOT),
        (ordinary, FELL_ORDINARY),
    ):
        left = np.flatnonzero(pool & ~np.isin(np.arange(n), chosen))
        if not len(left):
            left = np.flatnonzero(pool | (~hot & ~np.isin(np.arange(n), chosen)))
        i = int(rng.choice(left))
        chosen.append(i)
        growth[i] = factor
    base = np.array([e.need for e in geo.estates])
    first, last = periods[0], periods[-1]
    span = max(last - first, 1)
    need = {p: base * growth ** ((p - last) / span) for p in periods}
    grew = tuple(sorted(code[chosen[:2]]))
    fell = tuple(sorted(code[chosen[2:]]))
    return Trend(tuple(periods), need, growth, grew, fell)
