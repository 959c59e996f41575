"""The map of the areas an objective aims at: the units of its targets' ``areas`` shaded
among the other units of their level, drawn on the server like the report's maps
(reports/services/figures.py), for /programy/<id>/."""

from __future__ import annotations

import base64

from django.utils.translation import gettext as _

from kooperacja.programmes.models import Objective
from kooperacja.territory.models import Unit


def area_codes(objective: Objective) -> list[str]:
    """The unit codes the objective's targets aim at, in the order first given."""
    found: dict[str, None] = {}
    for target in objective.targets.all():
        for code in target.areas.replace(";", ",").split(","):
            if code.strip():
                found[code.strip()] = None
    return list(found)


def area_map(objective: Objective) -> str | None:
    """The map as a ``data:`` URL of a PNG, or None when the objective aims at no current
    unit."""
    from kooperacja.reports.services.figures import choropleth

    codes = area_codes(objective)
    aimed = Unit.objects.current().filter(code__in=codes).select_related("level").first()
    if aimed is None:
        return None
    units = list(Unit.objects.current().filter(level=aimed.level)
                 .order_by("code").values_list("code", "geometry"))
    png = choropleth([geometry for _, geometry in units],
                     [0 if code in codes else -1 for code, _ in units],
                     [False] * len(units), [_("areas the objective aims at")],
                     objective.title, "", _("other areas"))
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")
