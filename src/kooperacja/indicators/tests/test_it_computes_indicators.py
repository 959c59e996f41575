"""Rates, intervals, smoothing, quotients, change and classes on a hand-made city."""

from __future__ import annotations

import pytest
from django.utils import translation

from kooperacja.indicators.models import Indicator
from kooperacja.indicators.services.compute import compute_indicator
from kooperacja.indicators.tests.world import counts

pytestmark = pytest.mark.django_db


def by_code(rows):
    return {row["unit_code"]: row for row in rows}


def test_it_computes_rates_per_1000_with_a_poisson_interval(city):
    result = compute_indicator(Indicator.objects.get(code="poverty"), "2025", "analyst")
    estates = by_code(result.level("estate").rows)
    assert estates["E1"]["value"] == pytest.approx(30.0)
    assert estates["E1"]["numerator"] == 30 and estates["E1"]["denominator"] == 1000
    # Garwood limits for 30 cases: 20.24 and 42.83.
    assert estates["E1"]["lower"] == pytest.approx(20.2411, abs=1e-3)
    assert estates["E1"]["upper"] == pytest.approx(42.8269, abs=1e-3)
    city_row = result.level("city").rows[0]
    assert city_row["value"] == pytest.approx(63 / 7400 * 1000)
    assert by_code(result.level("district").rows)["D1"]["numerator"] == 40


def test_it_gives_the_location_quotient_against_the_whole_city(city):
    result = compute_indicator(Indicator.objects.get(code="poverty"), "2025", "analyst")
    estates = by_code(result.level("estate").rows)
    assert estates["E1"]["lq"] == pytest.approx((30 / 1000) / (63 / 7400))
    assert result.level("city").rows[0]["lq"] == pytest.approx(1.0)


def test_it_smooths_towards_the_city_rate(city):
    result = compute_indicator(Indicator.objects.get(code="poverty"), "2025", "analyst")
    e1 = by_code(result.level("estate").rows)["E1"]
    assert 63 / 7400 * 1000 < e1["smoothed"] < e1["value"]


def test_it_compares_with_the_previous_period_and_says_if_the_change_is_significant(city):
    result = compute_indicator(Indicator.objects.get(code="poverty"), "2025", "analyst")
    assert result.previous == "2024"
    e1, e2 = (by_code(result.level("estate").rows)[c] for c in ("E1", "E2"))
    assert e1["previous_value"] == pytest.approx(10.0) and e1["change"] == pytest.approx(20.0)
    assert e1["change_significant"] is True
    assert e2["change"] == pytest.approx(0.0) and e2["change_significant"] is False


def test_it_hides_small_counts_and_their_rates_and_says_fewer_than_k(city):
    with translation.override("en"):
        result = compute_indicator(Indicator.objects.get(code="poverty"), "2024", "public")
    e4 = by_code(result.level("estate").rows)["E4"]
    assert e4["numerator"] is None and e4["value"] is None and e4["smoothed"] is None
    assert e4["reason"] == "fewer than k" and e4["label"] == "fewer than 5"
    # E4 is hidden, so its sibling E3 is hidden too: D2 minus E3 would give E4 back.
    e3 = by_code(result.level("estate").rows)["E3"]
    assert e3["value"] is None and e3["reason"] == "secondary"
    assert e4["class"] == -1


def test_it_shows_analysts_counts_from_three(city):
    public = compute_indicator(Indicator.objects.get(code="poverty"), "2025", "public")
    analyst = compute_indicator(Indicator.objects.get(code="poverty"), "2025", "analyst")
    assert by_code(public.level("estate").rows)["E4"]["numerator"] is None
    assert by_code(analyst.level("estate").rows)["E4"]["numerator"] == 3


def test_it_classifies_published_values_and_counts_units_per_class(city):
    result = compute_indicator(Indicator.objects.get(code="poverty"), "2025", "analyst",
                               method="equal_interval", classes=2)
    breaks = result.level("estate").breaks
    assert breaks is not None and breaks.counts.sum() == 4
    assert {row["class"] for row in result.level("estate").rows} == {0, 1}


def test_it_uses_working_age_population_for_long_term_unemployment(city):
    units = city
    from kooperacja.indicators.tests.world import institution
    counts(units, "2025", {"E1": 10, "E2": 0, "E3": 0, "E4": 0}, code_list="pup_category",
           code="dlugotrwale_bezrobotny", who=institution("pup", "pup"))
    result = compute_indicator(Indicator.objects.get(code="long-term-unemployed"), "2025",
                               "analyst")
    e1 = by_code(result.level("estate").rows)["E1"]
    assert e1["denominator"] == 500  # 18-29, 30-49 and 50-64: half of 1,000
    assert e1["value"] == pytest.approx(20.0)
