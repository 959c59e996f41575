"""Indicator values per unit × period at every level, after disclosure control."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from kooperacja import __version__
from kooperacja.core.analysis import (
    ClassBreaks,
    PublishedValue,
    Reason,
    class_breaks,
    crude_rates,
    empirical_bayes,
    hide_derived,
    location_quotient,
    rate_change,
)
from kooperacja.core.analysis.rates import BreakMethod
from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.indicators.models import Indicator
from kooperacja.indicators.services.inputs import (
    Provenance,
    Raw,
    Scope,
    UnitRow,
    current_units,
    previous_period,
    raw_counts,
)
from kooperacja.indicators.services.protection import (
    DENOMINATOR,
    NO_DENOMINATOR,
    NUMERATOR,
    Audience,
    Protected,
    protect,
    reason_label,
)

DERIVED = ("value", "lower", "upper", "smoothed", "lq")
CHANGE = ("previous_value", "change", "change_ratio", "change_p")
SIGNIFICANCE = 0.05


@dataclass
class LevelResult:
    """Published rows of one level and the legend's classes."""

    level: str
    rows: list[dict[str, Any]]
    breaks: ClassBreaks | None


@dataclass
class IndicatorResult:
    indicator: Indicator
    period: str
    previous: str | None
    audience: Audience
    k: int
    levels: dict[str, LevelResult]
    metadata: dict[str, Any] = field(default_factory=dict)

    def level(self, code: str) -> LevelResult:
        if code not in self.levels:
            raise UserError(None, N_("There is no level %(level)s with current boundaries."),
                            {"level": code})
        return self.levels[code]


def _nan(values: npt.ArrayLike) -> list[float | None]:
    return [None if not np.isfinite(v) else float(v) for v in np.asarray(values, dtype=float)]


def _interval(indicator: Indicator, num: np.ndarray, den: np.ndarray) -> str:
    # Wilson needs a subset of the denominator; where data break that, fall back to Poisson.
    if indicator.interval == Indicator.Interval.WILSON and not np.any(num > den):
        return "wilson"
    return "poisson"


def _spread(shown: np.ndarray, part: npt.ArrayLike) -> np.ndarray:
    """Unit-aligned values: ``part`` for the shown units, NaN for the others."""
    out = np.full(shown.size, np.nan)
    out[shown] = np.asarray(part, dtype=float)
    return out


def _level_values(
    indicator: Indicator, num: np.ndarray, den: np.ndarray, shown: np.ndarray,
    total: tuple[int, float] | None,
) -> dict[str, list[float | None]]:
    """Every value from the ``shown`` units' counts only: a hidden count must not move a
    published value (the interval method, the smoothing prior and the territory's rate
    are published figures, so hidden counts could be solved from them otherwise)."""
    n, d = num[shown], np.nan_to_num(den[shown], nan=0.0)
    method = _interval(indicator, n, d)
    rates = crude_rates(n, d, indicator.per, method=method)  # type: ignore[arg-type]
    values = {name: _nan(_spread(shown, getattr(rates, name)))
              for name in ("value", "lower", "upper")}
    if (d > 0).any():
        values["smoothed"] = _nan(_spread(shown, empirical_bayes(n, d, indicator.per).value))
    else:
        values["smoothed"] = [None] * len(num)
    try:
        if total is None:
            raise ValueError("the territory's total is hidden")
        lq = location_quotient(n, d, territory_numerator=total[0], territory_denominator=total[1])
        values["lq"] = _nan(_spread(shown, lq))
    except ValueError:
        values["lq"] = [None] * len(num)
    return values


def _change(
    indicator: Indicator, raw: Raw, before: Raw, idx: np.ndarray, shown: np.ndarray,
) -> dict[str, list[float | None]]:
    """Change where both periods' counts are shown, from those counts alone."""
    i = idx[shown]
    change = rate_change(
        before.numerator[i], np.nan_to_num(before.denominator[i]),
        raw.numerator[i], np.nan_to_num(raw.denominator[i]), indicator.per,
    )
    return {
        "previous_value": _nan(_spread(shown, change.before)),
        "change": _nan(_spread(shown, change.difference)),
        "change_ratio": _nan(_spread(shown, change.ratio)),
        "change_p": _nan(_spread(shown, change.p_value)),
    }


def shown_units(raw: Raw, guard: Protected) -> np.ndarray:
    """Per unit of ``raw``: may the audience of ``guard`` see its counts?"""
    return np.array([guard.hidden(u.pk, raw.denominator_is_count) is None for u in raw.units])


def _territory(raw: Raw, shown: np.ndarray) -> tuple[int, float] | None:
    """The territory's totals (its top-level units), or None when any of them is hidden."""
    root = np.array([u.parent is None for u in raw.units])
    if not shown[root].all():
        return None
    return int(raw.numerator[root].sum()), float(np.nansum(raw.denominator[root]))


def _published(
    units: list[UnitRow], values: dict[str, list[float | None]], guard: Protected, is_count: bool
) -> dict[str, dict[int, PublishedValue]]:
    """Every derived value through hide_derived, against the numerator and, for a count
    denominator, the denominator too (a rate and its numerator give the denominator back)."""
    out = {}
    for name, column in values.items():
        present = {u.pk: v for u, v in zip(units, column) if v is not None}
        hidden = hide_derived(present, {pk: (pk, NUMERATOR) for pk in present}, guard.table)
        if is_count:
            by_den = hide_derived(present, {pk: (pk, DENOMINATOR) for pk in present}, guard.table)
            hidden = {pk: v if v.value is None else by_den[pk] for pk, v in hidden.items()}
        out[name] = hidden
    return out


def compute_indicator(
    indicator: Indicator,
    period: str,
    audience: Audience = "public",
    *,
    method: BreakMethod = "quantiles",
    classes: int = 5,
    levels: list[str] | None = None,
    scope: Scope = (),
) -> IndicatorResult:
    """Values, 95% intervals, EB-smoothed rates, location quotients, change against the
    previous period and class breaks, per unit of every level (of the territories of
    ``scope``), after disclosure control for ``audience`` over all levels at once.

    Every number is computed from what ``audience`` may see: the smoothing prior, the
    territory's rate and the classes from published cells only; a hidden unit gets none.
    An analyst's figures are computed over the analyst's territories alone (``scope``), so
    that no class boundary, prior or rate carries another territory's counts."""
    inputs = Provenance()
    units = current_units(scope)
    raw = raw_counts(indicator, period, inputs, units, audience=audience)
    guard = protect(raw, audience, protect_zeros=indicator.protect_zeros)
    shown = shown_units(raw, guard)
    previous = previous_period(indicator, period, audience, scope)
    before = before_guard = None
    shown_before = shown
    if previous is not None:
        before = raw_counts(indicator, previous, inputs, units, audience=audience)
        before_guard = protect(before, audience, protect_zeros=indicator.protect_zeros)
        shown_before = shown & shown_units(before, before_guard)
    total = _territory(raw, shown)
    result = IndicatorResult(indicator, period, previous, audience, guard.table.k, {})
    for level in dict.fromkeys(u.level for u in units):
        if levels is not None and level not in levels:
            continue
        idx = np.array([i for i, u in enumerate(units) if u.level == level])
        level_units = [units[i] for i in idx]
        values = _level_values(indicator, raw.numerator[idx], raw.denominator[idx], shown[idx],
                               total)
        if before is not None:
            values |= _change(indicator, raw, before, idx, shown_before[idx])
        published = _published(level_units, values, guard, raw.denominator_is_count)
        rows = _rows(level_units, raw, idx, guard, before_guard, published, before is not None)
        result.levels[level] = LevelResult(level, rows, _breaks(rows, method, classes))
    sampled = [code for code, lr in result.levels.items()
               if lr.breaks is not None and not lr.breaks.exact]
    result.metadata = metadata(indicator, period, audience, guard, inputs, {
        "classification": method, "classes": classes, "classification_sampled_levels": sampled,
        "previous_period": previous, "confidence": 0.95, "territories": list(scope) or None,
        "smoothing": "empirical Bayes, global prior fitted on the published units "
                     "(esda.smoothing's estimator)",
    })
    return result


def _rows(
    units: list[UnitRow], raw: Raw, idx: np.ndarray, guard: Protected,
    before_guard: Protected | None, published: dict[str, dict[int, PublishedValue]],
    has_change: bool,
) -> list[dict[str, Any]]:
    rows = []
    for i, unit in zip(idx, units):
        reason: Reason | str | None = guard.hidden(unit.pk, raw.denominator_is_count)
        den = raw.denominator[i]
        row: dict[str, Any] = {
            "unit_code": unit.code, "unit_name": unit.name, "level": unit.level,
            "numerator": None if reason else int(raw.numerator[i]),
            "denominator": (None if not np.isfinite(den) or (reason and raw.denominator_is_count)
                            else float(den)),
        }
        for name in DERIVED:
            cell = published[name].get(unit.pk)
            row[name] = cell.value if cell else None
        if reason is None and row["value"] is None:
            reason = NO_DENOMINATOR
        if has_change:
            hidden_before = (before_guard is not None
                             and before_guard.hidden(unit.pk, raw.denominator_is_count))
            for name in CHANGE:
                cell = published[name].get(unit.pk)
                row[name] = None if hidden_before or cell is None else cell.value
            p = row["change_p"]
            row["change_significant"] = None if p is None else bool(p <= SIGNIFICANCE)
        row["hidden"] = reason is not None
        row["reason"] = getattr(reason, "value", reason)
        row["label"] = reason_label(reason, guard.table.k)
        rows.append(row)
    return rows


def _breaks(rows: list[dict[str, Any]], method: BreakMethod, classes: int) -> ClassBreaks | None:
    values = np.array([np.nan if r["value"] is None else r["value"] for r in rows], dtype=float)
    if not np.isfinite(values).any():
        for row in rows:
            row["class"] = -1
        return None
    known = values[np.isfinite(values)]
    if np.unique(known).size == 1:
        # mapclassify cannot build classes from one distinct value (one city, say): one class.
        breaks = ClassBreaks(method, known[:1], np.array([known.size]),
                             np.where(np.isfinite(values), 0, -1), float(known[0]), True)
    else:
        breaks = class_breaks(values, method, classes)
    for row, cls in zip(rows, breaks.classes):
        row["class"] = int(cls)
    return breaks


def definition(indicator: Indicator) -> dict[str, Any]:
    fields = [f.name for f in Indicator._meta.fields if f.name not in ("id", "updated_at")]
    return {name: getattr(indicator, name) for name in fields} | {
        "updated_at": indicator.updated_at.isoformat() if indicator.updated_at else None
    }


def metadata(
    indicator: Indicator | None, period: str, audience: Audience, guard: Protected | None,
    inputs: Provenance, parameters: dict[str, Any],
) -> dict[str, Any]:
    """Program version, the inputs' versions and the parameters, for every output."""
    from django.utils import timezone

    out: dict[str, Any] = {
        "program": "kooperacja", "version": __version__,
        "created": timezone.now().isoformat(timespec="seconds"),
        "period": period, "audience": audience,
        "parameters": parameters,
        "inputs": inputs.as_dict(),
    }
    if indicator is not None:
        out["indicator"] = definition(indicator)
    if guard is not None:
        out["disclosure"] = {
            "k": guard.table.k, "rule": "primary k, secondary suppression over all levels at once",
            "derived": "computed from the published cells only",
            "exposed": len(guard.table.exposed), "inexact_hierarchy": list(guard.inexact),
        }
    return out
