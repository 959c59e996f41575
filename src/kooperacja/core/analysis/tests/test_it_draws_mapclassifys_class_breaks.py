"""The legend's classes are mapclassify's: quantiles, equal intervals and exact Fisher-Jenks
breaks, and the same class for every unit."""

from __future__ import annotations

import warnings

import mapclassify
import numpy as np
import pytest

from kooperacja.core.analysis import class_breaks

CLASSIFIERS = {
    "quantiles": mapclassify.Quantiles,
    "equal_interval": mapclassify.EqualInterval,
    "fisher_jenks": mapclassify.FisherJenks,
}


def _samples():
    rng = np.random.default_rng(14)
    yield rng.gamma(2.0, 10.0, 40)
    yield rng.gamma(2.0, 10.0, 250)
    yield rng.integers(0, 30, 200).astype(float)  # many ties
    yield np.round(rng.lognormal(1.0, 1.0, 120), 1)


@pytest.mark.parametrize("method", list(CLASSIFIERS))
@pytest.mark.parametrize("k", [2, 3, 5, 7])
def test_it_draws_the_breaks_and_classes_mapclassify_draws(method, k):
    for values in _samples():
        ours = class_breaks(values, method, k)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            theirs = CLASSIFIERS[method](values, k=k)
        np.testing.assert_allclose(ours.bins, theirs.bins, rtol=1e-12)
        assert ours.classes.tolist() == np.asarray(theirs.yb).tolist()
        assert ours.counts.tolist() == np.asarray(theirs.counts).tolist()
        assert ours.exact


def test_it_finds_the_least_within_class_squares_by_fisher_jenks():
    values = np.random.default_rng(3).gamma(2.0, 3.0, 1500)
    breaks = class_breaks(values, "fisher_jenks", 5)

    def squares(classes):
        return sum(((values[classes == c] - values[classes == c].mean()) ** 2).sum()
                   for c in np.unique(classes))

    best = squares(breaks.classes)
    # Moving any break to the next value on either side never does better.
    ordered = np.sort(values)
    for c, upper in enumerate(breaks.bins[:-1]):
        at = np.searchsorted(ordered, upper)
        for shift in (-1, 1):
            moved = breaks.bins.copy()
            moved[c] = ordered[at + shift]
            if np.all(np.diff(moved) > 0):
                assert squares(np.searchsorted(moved, values, side="left")) >= best - 1e-9
