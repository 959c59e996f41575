"""Rates, intervals, EB smoothing (against esda on bundled data), quotients, change, classes."""

from __future__ import annotations

import libpysal
import numpy as np
import pytest
from esda.smoothing import Empirical_Bayes, Spatial_Empirical_Bayes
from libpysal import examples
from scipy import stats

from kooperacja.core.analysis import (
    class_breaks,
    crude_rates,
    empirical_bayes,
    location_quotient,
    rate_change,
    rates,
    spatial_weights,
)
from kooperacja.core.analysis.tests.columbus import (
    columbus,
    north_carolina_sids,
    st_louis_homicides,
)

TOLERANCE = 1e-6


def test_it_gives_garwood_limits_from_the_published_tables():
    # Exact Poisson 95 % limits, e.g. Ulm (1990) table / Garwood (1936): 0 -> (0, 3.689),
    # 5 -> (1.6235, 11.6683).
    rates = crude_rates([0, 5], [1000, 1000], per=1000)
    np.testing.assert_allclose(rates.lower, [0.0, 1.6235], atol=1e-4)
    np.testing.assert_allclose(rates.upper, [3.6889, 11.6683], atol=1e-4)
    np.testing.assert_allclose(rates.value, [0.0, 5.0])


def test_it_gives_scipys_wilson_interval_for_proportions():
    rates = crude_rates([3, 0, 40], [17, 9, 40], per=1, method="wilson")
    for i, (x, n) in enumerate([(3, 17), (0, 9), (40, 40)]):
        ci = stats.binomtest(x, n).proportion_ci(method="wilson")
        assert rates.lower[i] == pytest.approx(ci.low, abs=1e-9)
        assert rates.upper[i] == pytest.approx(ci.high, abs=1e-9)


def test_it_refuses_a_proportion_above_one():
    with pytest.raises(ValueError, match="numerator <= denominator"):
        crude_rates([5], [3], method="wilson")


def test_it_leaves_units_without_residents_without_a_rate():
    rates = crude_rates([0, 2], [0, 100])
    assert np.isnan(rates.value[0]) and np.isnan(rates.upper[0])


def test_it_gives_esdas_eb_rates_on_st_louis_homicides():
    # Literal values: esda.smoothing.Empirical_Bayes docstring (stl_hom.csv, HC7984/PO7984).
    e, b = st_louis_homicides()
    ours = empirical_bayes(e, b, per=1)
    np.testing.assert_allclose(ours.value, Empirical_Bayes(e, b).r.ravel(), atol=TOLERANCE)
    np.testing.assert_allclose(
        ours.value[:3], [2.36718950e-05, 4.54539167e-05, 4.78114019e-05], rtol=1e-7
    )


def test_it_gives_esdas_spatial_eb_rates_on_st_louis_homicides():
    # Literal values: esda.smoothing.Spatial_Empirical_Bayes docstring (stl.gal).
    e, b = st_louis_homicides()
    gal = libpysal.io.open(examples.get_path("stl.gal")).read()
    ours = empirical_bayes(e, b, per=1, weights=gal)
    np.testing.assert_allclose(
        ours.value, Spatial_Empirical_Bayes(e, b, gal).r.ravel(), atol=TOLERANCE
    )
    np.testing.assert_allclose(ours.value[:2], [4.01485749e-05, 3.62437513e-05], rtol=1e-7)


def test_it_gives_esdas_eb_rates_on_north_carolina_sids_per_1000_births():
    geometries, deaths, births = north_carolina_sids()
    ours = empirical_bayes(deaths, births, per=1000)
    reference = Empirical_Bayes(deaths, births).r.ravel() * 1000
    np.testing.assert_allclose(ours.value, reference, atol=TOLERANCE)
    spatial = empirical_bayes(deaths, births, weights=spatial_weights(geometries).w)
    reference_w = spatial_weights(geometries).w
    reference_w.id_order = list(range(len(deaths)))
    reference = Spatial_Empirical_Bayes(deaths, births, reference_w).r.ravel() * 1000
    np.testing.assert_allclose(spatial.value, reference, atol=TOLERANCE)


def test_it_gives_esdas_eb_rates_on_columbus_crime():
    # Columbus has no population column: CRIME is per 1,000 households, THOUS is 1000.
    _, columns = columbus()
    ours = empirical_bayes(columns["CRIME"], columns["THOUS"], per=1000)
    reference = Empirical_Bayes(columns["CRIME"], columns["THOUS"]).r.ravel() * 1000
    np.testing.assert_allclose(ours.value, reference, atol=TOLERANCE)


def test_it_shrinks_to_the_mean_when_rates_vary_less_than_chance():
    smoothed = empirical_bayes([10, 11, 9], [1000, 1000, 1000])
    assert smoothed.variance_truncated
    np.testing.assert_allclose(smoothed.value, 10.0)


def test_it_smooths_rates_that_are_all_zero_to_zero():
    # Published units of a rare problem may all be 0: no variance, every rate is the mean.
    smoothed = empirical_bayes([0, 0, 0], [800, 1200, 950])
    np.testing.assert_array_equal(smoothed.value, [0.0, 0.0, 0.0])
    assert not smoothed.variance_truncated


def test_it_smooths_units_with_residents_and_skips_empty_ones():
    smoothed = empirical_bayes([0, 10, 30, 40], [0, 50, 1000, 80])
    assert np.isnan(smoothed.value[0]) and not smoothed.variance_truncated
    reference = Empirical_Bayes(np.array([10, 30, 40]), np.array([50, 1000, 80])).r.ravel() * 1000
    np.testing.assert_allclose(smoothed.value[1:], reference)


def test_it_gives_location_quotients_against_the_territory():
    lq = location_quotient([10, 30], [1000, 1000])
    np.testing.assert_allclose(lq, [0.5, 1.5])
    lq = location_quotient([10], [1000], territory_numerator=40, territory_denominator=2000)
    np.testing.assert_allclose(lq, [0.5])


def test_it_tests_change_with_the_exact_conditional_test():
    change = rate_change([10, 5, 0], [1000, 1000, 500], [30, 5, 0], [1000, 1000, 500])
    assert change.ratio[0] == pytest.approx(3.0)
    # Doubled smaller tail; for a symmetric null (equal populations) it is binomtest's p.
    assert change.p_value[0] == pytest.approx(stats.binomtest(30, 40, 0.5).pvalue)
    ci = stats.binomtest(30, 40, 0.5).proportion_ci(method="exact")
    assert change.ratio_lower[0] == pytest.approx(ci.low / (1 - ci.low))
    assert change.ratio_upper[0] == pytest.approx(ci.high / (1 - ci.high))
    assert change.p_value[0] < 0.01
    assert change.p_value[1] == pytest.approx(1.0)
    assert change.ratio_lower[0] < 3.0 < change.ratio_upper[0]
    assert np.isnan(change.ratio[2]) and change.p_value[2] == 1.0
    np.testing.assert_allclose(change.difference[:2], [20.0, 0.0])


@pytest.mark.parametrize("method", ["quantiles", "fisher_jenks", "equal_interval"])
def test_it_classifies_published_values_and_counts_units_per_class(method):
    values = np.r_[np.random.default_rng(1).gamma(2, 3, 200), np.nan]
    breaks = class_breaks(values, method, k=5)
    assert breaks.counts.sum() == 200 and breaks.bins.size == 5
    assert breaks.classes[-1] == -1
    assert breaks.bins[-1] == pytest.approx(np.nanmax(values))
    assert np.bincount(breaks.classes[:-1], minlength=5).tolist() == breaks.counts.tolist()


def test_it_uses_fewer_classes_than_distinct_values():
    assert class_breaks([1, 1, 2, 2], "quantiles", k=5).bins.size == 2


def test_it_runs_fisher_jenks_on_order_statistics_above_its_exact_limit(monkeypatch):
    values = np.random.default_rng(2).gamma(2, 3, 3000)
    assert class_breaks(values, "fisher_jenks").exact
    monkeypatch.setattr(rates, "FISHER_JENKS_EXACT_MAX", 500)
    breaks = class_breaks(values, "fisher_jenks")
    assert not breaks.exact and breaks.counts.sum() == 3000
