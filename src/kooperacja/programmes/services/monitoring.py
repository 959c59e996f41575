"""A programme's targets through the periods: each period's value (from the indicator's
public value for the target's unit, or the value typed in) and its traffic light."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from kooperacja.core.errors import UserError
from kooperacja.indicators.services.compute import compute_indicator
from kooperacja.programmes.models import Programme, Target, TargetValue
from kooperacja.records.services.audit import record_event


class Light(enum.StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    GREY = "grey"


# Words and a symbol beside each colour, so that the light never rests on colour alone.
LIGHT_WORDS = {
    Light.GREEN: _("on track"),
    Light.AMBER: _("behind the path"),
    Light.RED: _("wrong way"),
    Light.GREY: _("no value"),
}
LIGHT_SYMBOLS = {Light.GREEN: "✔", Light.AMBER: "▲", Light.RED: "✖", Light.GREY: "–"}


def year_of(period: str) -> int:
    """The year a period falls in: 2025, 2025-H1, 2025-Q3 and 2025-07 are all 2025."""
    return int(period[:4])


def expected_value(baseline: float, target: float, baseline_year: int, target_year: int,
                   year: int) -> float:
    """The linear path from the baseline (in its year) to the target (in the target year);
    before the baseline it is the baseline, after the target year the target."""
    if target_year <= baseline_year:
        return target
    share = min(max((year - baseline_year) / (target_year - baseline_year), 0.0), 1.0)
    return baseline + (target - baseline) * share


def traffic_light(value: float | None, baseline: float, target: float, baseline_year: int,
                  target_year: int, year: int, direction: str) -> Light:
    """The rule of the lights, for a target's value in ``year``.

    - grey: no value for the period;
    - red: moving the wrong way or no better than the baseline (for ``"up"`` a value at or
      below the baseline, for ``"down"`` at or above it);
    - green: on track: the value has reached the linear path from the baseline (in
      ``baseline_year``) to the target (in ``target_year``) at ``year``, or is better
      than the path in the right direction;
    - amber: moving the right way (better than the baseline) but behind the path.
    """
    if value is None:
        return Light.GREY
    sign = 1.0 if direction == Target.Direction.UP else -1.0
    if sign * (value - baseline) <= 0:
        return Light.RED
    path = expected_value(baseline, target, baseline_year, target_year, year)
    if sign * (value - path) >= -1e-9:
        return Light.GREEN
    return Light.AMBER


@dataclass(frozen=True)
class Reading:
    """A target's value in one period, its source and light."""

    period: str
    value: float | None
    source: str
    light: Light

    @property
    def words(self) -> str:
        return str(LIGHT_WORDS[self.light])

    @property
    def symbol(self) -> str:
        return LIGHT_SYMBOLS[self.light]


def light_of(target: Target, period: str, value: float | None) -> Light:
    return traffic_light(value, target.baseline, target.target,
                         year_of(target.baseline_period), target.target_year,
                         year_of(period), target.direction)


def indicator_value(target: Target, period: str) -> float | None:
    """The indicator's public value (after disclosure control) for the target's unit:
    its ``unit_code`` at its ``level``, by default the programme's territory."""
    if target.indicator is None:
        return None
    territory = target.objective.programme.territory
    level = target.level or territory.level.code
    code = target.unit_code or territory.code
    try:
        result = compute_indicator(target.indicator, period, "public", levels=[level])
    except UserError:
        return None
    found = result.levels.get(level)
    if found is None:
        return None
    for row in found.rows:
        if row["unit_code"] == code:
            value = row.get("value")
            return None if value is None else float(value)
    return None


def refresh_values(user: object, programme: Programme, period: str) -> int:
    """Store each indicator target's value for ``period`` (an audited change); manual
    values are left as entered. Returns how many values were stored."""
    stored = 0
    with transaction.atomic():
        for target in Target.objects.filter(objective__programme=programme,
                                            indicator__isnull=False).select_related(
                "indicator", "objective__programme__territory__level"):
            value = indicator_value(target, period)
            if value is None:
                continue
            TargetValue.objects.update_or_create(
                target=target, period=period,
                defaults={"value": value, "source": TargetValue.Source.AUTO})
            stored += 1
        record_event(user, "change", programme, {"refreshed": period, "values": stored})
    return stored


def readings(target: Target, periods: list[str]) -> list[Reading]:
    """The target's value and light in each period (grey where there is none)."""
    stored = {v.period: v for v in target.values.all()}
    out = []
    for period in periods:
        found = stored.get(period)
        value = None if found is None else found.value
        out.append(Reading(period, value, "" if found is None else found.source,
                           light_of(target, period, value)))
    return out


def periods_of(programme: Programme, until: str | None = None) -> list[str]:
    """The periods with a value for any of the programme's targets (up to ``until``)."""
    found = sorted(set(TargetValue.objects.filter(
        target__objective__programme=programme).values_list("period", flat=True)))
    if until is not None:
        found = [p for p in found if p <= until]
        if until not in found:
            found.append(until)
    return found
