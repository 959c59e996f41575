from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from kooperacja import policy
from kooperacja.core.analysis import threshold
from kooperacja.indicators.services.access import indicators_for
from kooperacja.indicators.services.inputs import default_period, periods
from kooperacja.messages import plural_forms
from kooperacja.resources.models import ResourceKind
from kooperacja.territory import answers
from kooperacja.territory.models import Level, Unit


@policy.public_unless("view", "analyst", policy.Action.ANALYST_VIEW)
def public_map(request: HttpRequest) -> HttpResponse:
    """The map: population density and every indicator the visitor may see, by level and
    period.  ``?view=analyst`` is the analysts' view at their threshold (login needed)."""
    audience = "public"
    if request.GET.get("view") == "analyst":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not policy.allows(request.user, policy.Action.ANALYST_VIEW):
            raise PermissionDenied(_("The analyst view is for analysts of the diagnosis team."))
        audience = "analyst"
    version = answers.current()
    page = answers.stored(("map", audience, get_language()), lambda: _page(audience), version)
    return render(request, "web/map.html", page)


def _page(audience: str) -> dict[str, str]:
    """The map's panel and data, rendered once per change of the public answers' inputs
    (territory/answers.py); the page around them (login, language switch) per request."""
    levels = [
        {"code": level.code, "name": level.name, "units": count}
        for level in Level.objects.all()
        if (count := Unit.objects.current().filter(level=level).count())
    ]
    # Open on the coarsest level that has more than one unit: a city alone is one flat colour.
    default = next((level for level in levels if level["units"] > 1), levels[0] if levels else None)
    indicators = _indicators(audience)
    context = {
        "levels": levels,
        "default_level": default["code"] if default else None,
        "indicators": indicators,
        "kinds": _resource_kinds(),
        "audience": audience,
        "k": threshold(audience),
        "map_config": {
            "levels": levels,
            "indicators": indicators,
            "audience": audience,
            "k": threshold(audience),
            "tileUrl": settings.KOOPERACJA_TILE_URL,
            "tileAttribution": settings.KOOPERACJA_TILE_ATTRIBUTION,
            "unitsUrl": "/api/v1/units",
            "indicatorsUrl": "/api/v1/indicators",
            "gapsUrl": "/api/v1/resources/gaps",
        },
        "map_text": _map_text(),
    }
    return {"content": render_to_string("web/map_content.html", context),
            "scripts": render_to_string("web/map_scripts.html", context)}


def _indicators(audience: str) -> list[dict[str, Any]]:
    language = get_language() or "pl"
    found = []
    for indicator in indicators_for(audience):  # type: ignore[arg-type]
        available = periods(indicator)
        if available:
            found.append({"id": indicator.code, "name": indicator.name(language),
                          "per": indicator.per, "periods": available,
                          "default_period": default_period(available),
                          "public": indicator.public})
    return found


def _resource_kinds() -> list[dict[str, str]]:
    """Kinds with a public resource on the map, for the "high need, low access" layer."""
    found = ResourceKind.objects.filter(resources__is_public=True, resources__lon__isnull=False)
    return [{"code": kind.code, "label": kind.label}
            for kind in found.distinct().order_by("order", "code")]


def _map_text() -> dict[str, str]:
    return {
        "density": _("residents per km²"),
        "densityTitle": _("Population density"),
        "densityHint": _("Residents per km², latest year. Hover or tap a unit to see its name "
                         "and value."),
        "indicatorHint": _("Rate per %(per)s in %(period)s. Units with too few cases are hidden "
                           "and drawn hatched."),
        "residents": _("residents"),
        "estimate": _("estimate"),
        "populationEstimate": _("Population of this level is an estimate: residents of the "
                                "enclosing units spread over their address points."),
        "noData": _("no data"),
        "unitCount": plural_forms(
            lambda n: ngettext("%(count)s unit", "%(count)s units", n)),
        "caption": _("Population density by %(level)s"),
        "indicatorCaption": _("%(indicator)s, %(period)s, by %(level)s"),
        "loadError": _("The map data could not be loaded. Try again later."),
        "value": _("value"),
        "interval": _("confidence interval (95%)"),
        "smoothed": _("smoothed (empirical Bayes)"),
        "lq": _("location quotient (city = 1)"),
        "change": _("change since %(period)s"),
        "significant": _("significant"),
        "notSignificant": _("not significant"),
        "hiddenUnits": _("hidden units"),
        "sampledBreaks": _("class breaks computed on a sample of the values"),
        "trend": _("Trend over periods"),
        "place": _("Place among the units of this level"),
        "rank": _("rank %(rank)s of %(of)s (1 = highest)"),
        "territory": _("whole territory"),
        "thisUnit": _("this unit"),
        "hotspots": _("Hot spots (Local Moran's I, p ≤ 0.05 after FDR)"),
        "HH": _("high among high (hot spot)"),
        "LL": _("low among low (cold spot)"),
        "HL": _("high among low"),
        "LH": _("low among high"),
        "show": _("show"),
        "noHotspots": _(
            "No hot spots at this level: fewer than three units with a published rate."),
        "gaps": _("High need, low access"),
        "gapsHint": _("Rate at least the average, access to help (2SFCA within %(distance)s m) "
                      "below it, gap of at least %(threshold)s standard deviations. Units with "
                      "a hidden rate are never marked."),
        "noGaps": _("No unit has high need and low access here."),
        "gapsError": _("The high need, low access layer needs a public indicator with data."),
    }
