"""Benchmark of the analysis core: indicators and Local Moran's I for 2,000 units.

Run: ``python -c "import sys; sys.path.insert(0, 'benchmarks'); import analysis;
[print(x) for x in analysis.run()]"``.  Target: under 2 s for indicators and Local
Moran's I with 999 permutations.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import numpy as np
import shapely

from kooperacja.core.analysis import (
    class_breaks,
    crude_rates,
    empirical_bayes,
    local_moran,
    location_quotient,
    rate_change,
    spatial_weights,
)


def _grid(columns: int, rows: int, size: float = 250.0) -> list[shapely.Geometry]:
    """Square cells of ``size`` metres, like a statistical grid."""
    return [
        shapely.box(i * size, j * size, (i + 1) * size, (j + 1) * size)
        for j in range(rows)
        for i in range(columns)
    ]


def _timed(name: str, work: Callable[[], object]) -> dict:
    start = time.perf_counter()
    work()
    return {"name": name, "seconds": round(time.perf_counter() - start, 4)}


def run(quick: bool = False) -> Iterator[dict]:
    columns, rows = (20, 10) if quick else (50, 40)
    permutations = 99 if quick else 999
    n = columns * rows
    rng = np.random.default_rng(2024)
    population = rng.integers(50, 3000, n)
    cases = rng.poisson(population * 0.02)
    earlier = rng.poisson(population * 0.02)
    geometries = _grid(columns, rows)
    weights = spatial_weights(geometries, "queen")
    smoothed = empirical_bayes(cases, population).value

    def indicators() -> None:
        crude_rates(cases, population, per=1000)
        empirical_bayes(cases, population)
        location_quotient(cases, population)
        for method in ("quantiles", "fisher_jenks", "equal_interval"):
            class_breaks(smoothed, method)

    results = [
        _timed(f"indicators: rates+CI, EB, LQ, 3 class breaks ({n} units)", indicators),
        _timed(
            f"local Moran's I, {permutations} permutations ({n} units)",
            lambda: local_moran(smoothed, weights, permutations=permutations, seed=1),
        ),
    ]
    yield from results
    yield {
        "name": f"total: indicators + local Moran ({n} units)",
        "seconds": round(sum(r["seconds"] for r in results), 4),
    }
    yield _timed(
        f"queen weights from {n} polygons (not in target)", lambda: spatial_weights(geometries)
    )
    yield _timed(
        f"change between periods, exact test ({n} units, not in target)",
        lambda: rate_change(earlier, population, cases, population),
    )
