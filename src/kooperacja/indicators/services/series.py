"""A unit's indicator over the periods, and its place among the units of its level."""

from __future__ import annotations

from typing import Any

from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.indicators.models import Indicator
from kooperacja.indicators.services.compute import compute_indicator
from kooperacja.indicators.services.inputs import Scope, periods, same_kind
from kooperacja.indicators.services.protection import Audience
from kooperacja.territory.models import Unit


def unit_series(indicator: Indicator, code: str, period: str, audience: Audience,
                scope: Scope = ()) -> dict[str, Any]:
    """Published values of the unit and of the whole territory for every period of the kind
    of ``period`` (years with years, quarters with quarters), and the unit's rank
    (1 = highest) among the published values of its level in ``period``; computed over the
    territories of ``scope``."""
    unit = Unit.objects.current().filter(code=code).select_related("level").first()
    if unit is None:
        raise UserError(None, N_("no current unit with code %(code)s"), {"code": code})
    level = unit.level.code
    points, rank, values, count = [], None, [], 0
    for each in same_kind(periods(indicator, audience, scope), period):
        result = compute_indicator(indicator, each, audience, scope=scope)
        rows = {r["unit_code"]: r for r in result.level(level).rows}
        roots = [r for lvl in result.levels.values() for r in lvl.rows][:1]
        row = rows.get(code, {})
        points.append({"period": each, "value": row.get("value"),
                       "territory": roots[0]["value"] if roots else None,
                       "label": row.get("label", "")})
        if each == period:
            values = sorted((r["value"] for r in rows.values() if r["value"] is not None),
                            reverse=True)
            count = len(rows)
            if row.get("value") is not None:
                rank = values.index(row["value"]) + 1
    return {"unit_code": code, "unit_name": unit.name, "series": points, "rank": rank,
            "of": count, "values": values}
