"""Queen neighbours, Local Moran's I and the false-discovery-rate correction, computed
without esda, libpysal and scipy.stats, equal theirs to the last bit: the hot-spot map a
user gets is the one PySAL gives, only sooner."""

from __future__ import annotations

import warnings

import esda
import numpy as np
import pytest
import shapely
from libpysal.weights import Queen, W, w_subset
from scipy import stats

from kooperacja.core.analysis import deprivation_index, fdr_adjust, local_moran, spatial_weights
from kooperacja.core.analysis.tests.columbus import columbus


def _grid(columns: int, rows: int) -> list[shapely.Geometry]:
    return [shapely.box(i, j, i + 1, j + 1) for j in range(rows) for i in range(columns)]


def _shapes() -> dict[str, list[shapely.Geometry]]:
    holed = shapely.Polygon([(0, 0), (9, 0), (9, 9), (0, 9)], [[(3, 3), (6, 3), (6, 6), (3, 6)]])
    inside = shapely.box(3, 3, 6, 6)
    two_parts = shapely.MultiPolygon([shapely.box(9, 0, 10, 1), shapely.box(12, 0, 13, 1)])
    corner = shapely.box(13, 1, 14, 2)  # touches the second part at one vertex only
    far = shapely.box(30, 30, 31, 31)
    return {
        "columbus": columbus()[0],
        "grid with an island": _grid(9, 7) + [far],
        "hole, its filling, two parts, a corner": [holed, inside, two_parts, corner, far],
        "negative zero": [shapely.box(-1, -1, 0, 0), shapely.box(-0.0, -0.0, 1, 1)],
    }


@pytest.mark.parametrize("name", list(_shapes()))
def test_it_finds_the_queen_neighbours_libpysal_finds(name):
    geometries = _shapes()[name]
    ours = spatial_weights(geometries, "queen")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = Queen.from_iterable(geometries, silence_warnings=True)
    assert [nb.tolist() for nb in ours.neighbours] == [
        sorted(theirs.neighbors[i]) for i in range(len(geometries))
    ]
    assert ours.islands == tuple(theirs.islands)
    assert (ours.w.sparse != theirs.sparse).nnz == 0


def _values() -> dict[str, tuple[list[shapely.Geometry], np.ndarray]]:
    rng = np.random.default_rng(14)
    geometries, columns = columbus()
    grid = _grid(30, 20)
    counts = rng.poisson(3, len(grid))
    return {
        "columbus crime": (geometries, np.asarray(columns["CRIME"], dtype=float)),
        "rates of a grid": (grid, counts / rng.integers(50, 3000, len(grid)) * 1000),
        "tied values": (grid, counts.astype(float)),
        "a grid with an island": (
            _grid(9, 7) + [shapely.box(30, 30, 31, 31)],
            rng.gamma(2, 10, 64),
        ),
    }


@pytest.mark.parametrize("name", list(_values()))
@pytest.mark.parametrize(("permutations", "seed"), [(999, 0), (99, 12345)])
def test_it_gives_esdas_local_i_quadrants_and_p_values_bit_for_bit(name, permutations, seed):
    geometries, values = _values()[name]
    ours = local_moran(values, spatial_weights(geometries, "queen"), permutations=permutations,
                       seed=seed, fdr=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        w = Queen.from_iterable(geometries, silence_warnings=True)
        keep = [i for i in range(len(geometries)) if w.cardinalities[i]]
        w = W(dict(w_subset(w, keep).neighbors), id_order=keep, silence_warnings=True)
        theirs = esda.Moran_Local(values[keep], w, transformation="r", permutations=permutations,
                                  seed=seed, keep_simulations=False)
    assert ours.local_i[keep].tobytes() == np.asarray(theirs.Is, dtype=float).tobytes()
    quadrants = {1: "HH", 2: "LH", 3: "LL", 4: "HL"}
    assert ours.quadrant[keep].tolist() == [quadrants[q] for q in theirs.q]
    counts = np.rint(np.asarray(theirs.p_sim, dtype=float) * (permutations + 1))
    assert ours.p_value[keep].tobytes() == (counts / (permutations + 1)).tobytes()


def test_it_adjusts_p_values_as_scipy_does():
    rng = np.random.default_rng(3)
    for p in (rng.uniform(0, 1, 500), np.round(rng.uniform(0, 0.2, 300), 2), np.array([0.5]),
              np.array([0.01, 0.01, 0.04, 1.0])):
        theirs = stats.false_discovery_control(p, method="bh")
        assert fdr_adjust(p).tobytes() == np.asarray(theirs, dtype=float).tobytes()


def test_it_ranks_deprivation_as_scipys_min_ranks_do():
    rng = np.random.default_rng(4)
    values = {
        "a": rng.integers(0, 5, 200).astype(float),
        "b": rng.integers(0, 3, 200).astype(float),
    }
    index = deprivation_index(values)
    assert index.rank.tolist() == stats.rankdata(-index.index, method="min").astype(int).tolist()
