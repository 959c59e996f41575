"""The traffic lights, against values computed by hand (tests/world.py has the paths)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from kooperacja.programmes.models import Target, TargetValue
from kooperacja.programmes.services import monitoring
from kooperacja.programmes.services.monitoring import Light, readings, traffic_light

G, A, R, N = Light.GREEN, Light.AMBER, Light.RED, Light.GREY
PERIODS = ["2023", "2024", "2025"]


def test_two_objectives_over_three_periods_give_the_hand_computed_lights(plan):
    lights = {t: [r.light for r in readings(getattr(plan, t), PERIODS)]
              for t in ("poverty", "families", "unemployed")}
    # poverty (down, path 9/8/7): 8.5 below 9 green; 8.5 above 8 but below 10 amber;
    # 10.5 above the baseline red.
    assert lights["poverty"] == [G, A, R]
    # families (up, path 120/140/160): 100 equals the baseline red; 150 above 140 green;
    # nothing for 2025 grey.
    assert lights["families"] == [R, G, N]
    # unemployed (down from 2023, path 500/450/400): 500 is the baseline red; 470 amber;
    # 390 below the target green.
    assert lights["unemployed"] == [R, A, G]


@pytest.mark.parametrize(("value", "year", "direction", "light"), [
    (None, 2024, "up", N),
    (110.0, 2024, "up", A),    # path at 2024: 100 + 60 * 2/4 = 130
    (130.0, 2024, "up", G),    # on the path exactly
    (100.0, 2024, "up", R),    # no better than the baseline
    (95.0, 2024, "down", G),   # "down": below the baseline and the path (130)
    (170.0, 2030, "up", G),    # after the target year the path is the target
])
def test_the_rule(value, year, direction, light):
    assert traffic_light(value, 100.0, 160.0, 2022, 2026, year, direction) == light


def test_indicator_values_come_from_the_public_value_of_the_territory(plan, monkeypatch):
    from kooperacja.indicators.models import Indicator

    indicator = Indicator.objects.first() or Indicator.objects.create(
        code="poverty-test", name_pl="Ubóstwo", name_en="Poverty")
    target = Target.objects.create(objective=plan.first, indicator=indicator,
                                   baseline_period="2023", baseline=40.0, target=30.0,
                                   target_year=2025, direction=Target.Direction.DOWN)
    asked = []

    def fake(ind, period, audience="public", **kw):
        asked.append((ind, period, audience, kw.get("levels")))
        rows = [{"unit_code": "X", "value": 36.0}, {"unit_code": "Z", "value": 1.0}]
        return SimpleNamespace(levels={"city": SimpleNamespace(rows=rows)})

    monkeypatch.setattr(monitoring, "compute_indicator", fake)
    assert monitoring.refresh_values(None, plan.programme, "2024") == 1
    stored = TargetValue.objects.get(target=target, period="2024")
    assert (stored.value, stored.source) == (36.0, TargetValue.Source.AUTO)
    assert asked == [(indicator, "2024", "public", ["city"])]
    # down from 40 (2023) to 30 (2025): the path at 2024 is 35; 36 is behind it.
    assert readings(target, ["2024"])[0].light == A
