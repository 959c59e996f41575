"""The demo's programme: two objectives, the poverty target following the indicator's
public values of the city over the periods, filled once."""

from __future__ import annotations

import pytest

from kooperacja.indicators.tests.world import build_city, counts
from kooperacja.programmes.models import Programme, TargetValue
from kooperacja.programmes.services.demo import fill_demo
from kooperacja.programmes.services.monitoring import Light, readings

pytestmark = pytest.mark.django_db


def test_the_demo_programme_follows_the_indicator():
    units = build_city()
    counts(units, "2024", {"E1": 30, "E2": 30, "E3": 30, "E4": 30})
    counts(units, "2025", {"E1": 20, "E2": 25, "E3": 20, "E4": 25})
    programme = fill_demo(["2024", "2025"])
    assert programme is not None and fill_demo(["2024", "2025"]) is None  # once only
    assert Programme.objects.count() == 1 and programme.objectives.count() == 2
    poverty = programme.objectives.get(order=1).targets.get(indicator__code="poverty")
    auto = TargetValue.objects.filter(target=poverty, source=TargetValue.Source.AUTO)
    assert sorted(auto.values_list("period", flat=True)) == ["2024", "2025"]
    assert poverty.baseline == auto.get(period="2024").value
    lights = [r.light for r in readings(poverty, ["2024", "2025"])]
    # 2024 is the baseline itself (red: no better); 2025 fell from 120 to 90 cases,
    # a quarter, beyond the path's 20% over five years: green.
    assert lights == [Light.RED, Light.GREEN]
