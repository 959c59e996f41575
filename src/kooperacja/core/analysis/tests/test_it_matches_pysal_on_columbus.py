"""Our spatial statistics on Columbus equal PySAL's own.

Reference numbers come from two places: esda run directly in each test on the same data
with the same weights and seed, and literal values pinned below.  The literal global
Moran's I of CRIME with queen contiguity, 0.500188557 (E[I] = -1/48), is the value in
Anselin's GeoDa workbook for Columbus and was reproduced with esda 2.9.0 /
libpysal 4.14.1; the local values were computed with those versions (seed 0).
"""

from __future__ import annotations

import esda
import numpy as np
import pytest
from libpysal.weights import Queen

from kooperacja.core.analysis import getis_ord, global_moran, local_moran, spatial_weights
from kooperacja.core.analysis.tests.columbus import columbus

TOLERANCE = 1e-6


@pytest.fixture(scope="module")
def data():
    geometries, columns = columbus()
    reference_w = Queen.from_iterable(geometries)
    return spatial_weights(geometries, "queen"), reference_w, columns["CRIME"]


def test_it_builds_the_same_queen_neighbours_as_the_bundled_gal_file(data):
    import libpysal
    from libpysal import examples

    ours, _, _ = data
    gal = libpysal.io.open(examples.get_path("columbus.gal")).read()
    by_position = {
        gal.id_order.index(i): sorted(gal.id_order.index(j) for j in nbrs)
        for i, nbrs in gal.neighbors.items()
    }
    assert {i: sorted(n) for i, n in ours.w.neighbors.items()} == by_position


def test_it_gives_pysals_global_morans_i(data):
    ours, reference_w, crime = data
    result = global_moran(crime, ours, permutations=999, seed=0)
    reference_w.transform = "r"
    reference = esda.Moran(crime, reference_w, permutations=0)
    assert result.i == pytest.approx(reference.I, abs=TOLERANCE)
    assert result.i == pytest.approx(0.500188557, abs=TOLERANCE)
    assert result.expected == pytest.approx(-1 / 48, abs=TOLERANCE)
    assert result.z == pytest.approx(reference.z_norm, abs=TOLERANCE)
    assert result.p_value == pytest.approx(0.001)


def test_it_gives_pysals_local_morans_i_and_pseudo_p_values(data):
    ours, reference_w, crime = data
    result = local_moran(crime, ours, permutations=999, seed=0)
    reference = esda.Moran_Local(crime, reference_w, transformation="r", permutations=999, seed=0)
    np.testing.assert_allclose(result.local_i, reference.Is, atol=TOLERANCE)
    np.testing.assert_allclose(result.p_value, reference.p_sim, atol=TOLERANCE)
    quadrants = np.array(["", "HH", "LH", "LL", "HL"])[reference.q]
    assert (result.quadrant == quadrants).all()
    np.testing.assert_allclose(
        result.local_i[:3], [0.72178138, 0.51798565, 0.09193542], atol=TOLERANCE
    )


def test_it_labels_clusters_only_where_the_fdr_adjusted_p_is_small(data):
    ours, _, crime = data
    result = local_moran(crime, ours, seed=0)
    significant = result.p_fdr <= 0.05
    assert (result.cluster[~significant] == "ns").all()
    assert (result.cluster[significant] == result.quadrant[significant]).all()
    assert {"HH", "LL"} <= set(result.cluster)


def test_it_gives_pysals_getis_ord_gi_star(data):
    ours, reference_w, crime = data
    result = getis_ord(crime, ours, permutations=999, seed=0)
    reference = esda.G_Local(
        crime, reference_w, transform="B", star=True, permutations=999, seed=0, n_jobs=1
    )
    np.testing.assert_allclose(result.gi_z, reference.Zs, atol=TOLERANCE)
    np.testing.assert_allclose(result.p_value, reference.p_sim, atol=TOLERANCE)
    assert set(result.cluster[(result.p_fdr <= 0.05) & (result.gi_z > 0)]) <= {"hot"}


def test_it_gives_the_same_map_for_the_same_seed(data):
    ours, _, crime = data
    first = local_moran(crime, ours, seed=7)
    again = local_moran(crime, ours, seed=7)
    assert (first.p_value == again.p_value).all()


def test_it_leaves_the_callers_weights_binary(data):
    ours, _, crime = data
    local_moran(crime, ours)
    assert ours.w.transform.upper() == "O"
