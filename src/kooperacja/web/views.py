from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from kooperacja import policy
from kooperacja.core.analysis import threshold
from kooperacja.core.errors import UserError
from kooperacja.core.simplify import BANDS
from kooperacja.indicators.services.audiences import (
    analyst_scope,
    get_indicator,
    indicators_for,
    sees_unit,
    visible_units,
)
from kooperacja.indicators.services.export import unit_export
from kooperacja.indicators.services.inputs import Scope, default_period, periods
from kooperacja.indicators.services.protection import Audience
from kooperacja.messages import plural_forms
from kooperacja.records.services.exports import CONTENT_TYPES, download, wants_excel
from kooperacja.resources.models import ResourceKind
from kooperacja.territory import answers
from kooperacja.territory.services.metric import territory_extent
from kooperacja.web.charts import breakdown_svg, pyramid_svg, trend_svg
from kooperacja.web.services import region
from kooperacja.web.services.profile import indicator_periods, published_body, unit_profile


@policy.public
def favicon(request: HttpRequest) -> HttpResponse:
    """No icon: pages the site does not draw (the administration, the API docs) ask for
    /favicon.ico, which would otherwise be a "not found" error in the browser's console."""
    return HttpResponse(status=204)


@policy.public_unless("view", "analyst", policy.Action.ANALYST_VIEW)
def public_map(request: HttpRequest) -> HttpResponse:
    """The map: population density and every indicator the visitor may see, by level and
    period.  ``?view=analyst`` is the analysts' view at their threshold (login needed)."""
    audience = _audience(request)
    if isinstance(audience, HttpResponse):
        return audience
    version = answers.current()
    t = request.GET.get("t") or None
    try:
        region.territory(t, version)
    except region.NoSuchTerritory:
        raise Http404(_("There is no such territory in this installation.")) from None
    scope = analyst_scope(request.user, audience)
    page = answers.stored(("map", audience, get_language(), t or "", scope),
                          lambda: _page(audience, t, scope), version)
    return render(request, "web/map.html", page)


def _audience(request: HttpRequest) -> Audience | HttpResponse:
    """The audience: "public", or "analyst" for ``?view=analyst`` asked by whom the policy
    lets see it (anonymous visitors go to the login page, others get 403)."""
    if request.GET.get("view") != "analyst":
        return "public"
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not policy.allows(request.user, policy.Action.ANALYST_VIEW):
        raise PermissionDenied(_("The analyst view is for analysts of the diagnosis team."))
    # The analysts' view of a territory (?t=) not theirs: 403, whether or not it exists.
    policy.check_territory(request.user, policy.Action.ANALYST_VIEW, request.GET.get("t"))
    return "analyst"


@policy.public_unless("view", "analyst", policy.Action.ANALYST_VIEW)
def unit_page(request: HttpRequest, level: str, code: str) -> HttpResponse:
    """The page of one unit: population by sex and age, every indicator the audience may
    see with its interval, class, rank, trend and comparisons, hot spots, the "high need,
    low access" flags, resources in and near it, its neighbours. ``?view=analyst``: the
    same at the analyst threshold, for analysts of the unit's territory (others: 403,
    audited, whether or not the unit exists)."""
    audience = _audience(request)
    if isinstance(audience, HttpResponse):
        return audience
    if audience == "analyst" and not sees_unit(request.user, audience, code):
        raise PermissionDenied(_("No unit with this code in your territories."))
    version = answers.current()
    language = get_language() or "pl"
    t = request.GET.get("t") or None
    try:
        within = region.territory_codes(t, level, version)
    except region.NoSuchTerritory:
        raise Http404(_("There is no such territory in this installation.")) from None
    if within is not None and code not in within:
        raise Http404(_("There is no current unit with this code at this level."))
    scope = analyst_scope(request.user, audience)
    page = answers.stored(("unit", audience, language, level, code, t or "", scope),
                          lambda: _unit_page(level, code, audience, language, t, scope), version)
    if page is None:
        raise Http404(_("There is no current unit with this code at this level."))
    return render(request, "web/unit.html", page)


def _unit_page(level: str, code: str, audience: Audience, language: str,
               t: str | None = None, scope: Scope = ()) -> dict[str, Any] | None:
    profile = unit_profile(level, code, audience, language, scope)
    if profile is None:
        return None
    similar = _similar(level, code, profile) if audience == "public" else []
    pyramid = profile["population"]
    for indicator in profile["indicators"]:
        indicator["trend_svg"] = trend_svg(indicator["trend"])
        if indicator.get("breakdown"):
            indicator["breakdown_svg"] = breakdown_svg(indicator["breakdown"])
    query = {"level": level, "unit": code}
    if audience == "analyst":
        query["view"] = "analyst"
    if t:
        query["t"] = t
    context = {
        "profile": profile,
        "unit": profile["unit"],
        "audience": audience,
        "k": threshold(audience),
        "pyramid_svg": pyramid_svg(pyramid, _("women"), _("men")) if pyramid else "",
        "map_url": reverse("web:map") + "?" + urlencode(query),
        "analyst_query": "?view=analyst" if audience == "analyst" else "",
        "permalink_query": ("?" + urlencode({k: v for k, v in query.items()
                                             if k in ("view", "t")})
                            if "view" in query or "t" in query else ""),
        "similar": similar,
        "region_url": (reverse("web:region") + "?" + urlencode(
            {"level": level, "unit": code, **({"t": t} if t else {})})) if similar else "",
    }
    return {"content": render_to_string("web/unit_content.html", context),
            "title": f"{profile['unit']['name']} ({profile['unit']['level_name']})"}


def _similar(level: str, code: str, profile: dict[str, Any]) -> list[dict[str, Any]]:
    """A gmina's similar gminas (web/services/region.py) with their published values of
    the indicators its page shows, in the same periods."""
    found = region.similar_gminas(level, code)
    if not found:
        return []
    language = get_language() or "pl"
    indicators = {i.code: i for i in indicators_for("public")}
    columns = [(indicators[shown["id"]], shown["period"]) for shown in profile["indicators"]
               if shown["id"] in indicators]
    bodies = [published_body(indicator, level, period, "public", language)
              for indicator, period in columns]
    return [gmina | {"type_name": region.type_name(gmina["type"]),
                     "values": [None if body is None else body["by_code"].get(gmina["code"])
                                for body in bodies]}
            for gmina in found]


# A level of more units than this is asked for by view once its boundaries are detailed
# (zoom 8 on): its whole answer at those bands nears the API's 2 MB (docs/benchmarks.md,
# "Regional map at national scale").
TILED_FROM = 300


def _page(audience: Audience, t: str | None = None, scope: Scope = ()) -> dict[str, Any]:
    """The map's panel and data, rendered once per change of the public answers' inputs
    (territory/answers.py) and territory (``?t=``); the page around them (login, language
    switch) per request."""
    levels = region.levels_in(t)
    territories = region.territories()
    # Open on the coarsest level that has more than one unit: a city alone is one flat colour.
    default = next((level for level in levels if level["units"] > 1), levels[0] if levels else None)
    indicators = _indicators(audience, scope)
    context = {
        "levels": levels,
        "default_level": default["code"] if default else None,
        "indicators": indicators,
        "kinds": _resource_kinds(),
        "audience": audience,
        "k": threshold(audience),
        "territories": territories if len(territories) > 1 else [],
        "territory": t or "",
        "map_config": {
            "levels": levels,
            "indicators": indicators,
            "audience": audience,
            "territory": t or "",
            "k": threshold(audience),
            "tileUrl": settings.KOOPERACJA_TILE_URL,
            "tileAttribution": settings.KOOPERACJA_TILE_ATTRIBUTION,
            "unitsUrl": "/api/v1/units",
            # The zoom levels where the boundaries' simplification changes (core/simplify.py),
            # the territory's extent to open on, and the size of a level asked for by view.
            "zoomBands": [band.min_zoom for band in BANDS],
            # (a territory's: fitted to its units once drawn)
            "extent": None if t else territory_extent(),
            "tiledFrom": TILED_FROM,
            "indicatorsUrl": "/api/v1/indicators",
            "gapsUrl": "/api/v1/resources/gaps",
            "resourcesUrl": "/api/v1/resources/geojson",
            "geocodeUrl": "/api/v1/addresses/geocode",
            "unitPageUrl": reverse("web:unit", kwargs={"level": "LEVEL", "code": "CODE"}),
            "downloadUrl": reverse("web:map-download"),
        },
        "map_text": _map_text(),
    }
    return {"content": render_to_string("web/map_content.html", context),
            "scripts": render_to_string("web/map_scripts.html", context),
            "territories": context["territories"]}


def _indicators(audience: Audience, scope: Scope) -> list[dict[str, Any]]:
    language = get_language() or "pl"
    found = []
    for indicator in indicators_for(audience):
        available = periods(indicator, audience, scope)
        if available:
            found.append({"id": indicator.code, "name": indicator.name(language),
                          "per": indicator.per, "periods": available,
                          "default_period": default_period(available),
                          "description": (indicator.description_en if language == "en"
                                          else indicator.description_pl),
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
        "unitPage": _("Everything about this unit"),
        "about": _("About these numbers"),
        "source": _("Source:"),
        "imported": _("data imported %(date)s"),
        "population": _("population:"),
        "computed": _("computed %(date)s"),
        "resources": _("Places of help"),
        "resourcesHint": _("public places of help"),
        "compareTitle": _("%(period)s (classes of %(main)s)"),
        "rateIn": _("Rate in %(period)s"),
        "searching": _("Searching…"),
        "notFound": _("The address was not found in a unit of this level."),
        "foundIn": _("The address lies in %(unit)s."),
    }


DOWNLOAD_COLUMNS = ("unit_code", "unit_name", "numerator", "denominator", "value", "lower",
                    "upper", "smoothed", "lq", "change", "hidden", "label")
DOWNLOAD_TYPES = {kind.lstrip("."): content for kind, content in CONTENT_TYPES.items()}


@policy.public_unless("view", "analyst", policy.Action.ANALYST_VIEW)
def map_download(request: HttpRequest) -> HttpResponse:
    """The values the map shows (``indicator``, ``level``, ``period``) as CSV (for Polish
    Excel with ``excel=1``), XLSX or GeoJSON (``format``): the stored published values,
    cut to an analyst's own units at the analyst threshold (``view=analyst``)."""
    audience = _audience(request)
    if isinstance(audience, HttpResponse):
        return audience
    kind = request.GET.get("format", "csv")
    level, period = request.GET.get("level", ""), request.GET.get("period", "")
    try:
        indicator = get_indicator(request.GET.get("indicator", ""), audience)
    except UserError:
        raise Http404(_("There is no such indicator.")) from None
    if kind not in DOWNLOAD_TYPES:
        raise Http404(_("Download CSV, XLSX or GeoJSON."))
    body = published_body(indicator, level, period, audience, get_language() or "pl",
                          scope=analyst_scope(request.user, audience))
    if body is None:
        raise Http404(_("No values for this level and period."))
    units = visible_units(request.user, audience, level)
    try:
        within = region.territory_codes(request.GET.get("t") or None, level)
    except region.NoSuchTerritory:
        raise Http404(_("There is no such territory in this installation.")) from None
    rows = [{c: row.get(c) for c in DOWNLOAD_COLUMNS} for row in body["values"]
            if (units is None or row["unit_code"] in units)
            and (within is None or row["unit_code"] in within)]
    name = f"{indicator.code}-{level}-{period}.{kind}"
    export = unit_export("indicator", name, rows, body["metadata"], level,
                         {"indicator": indicator.code, "level": level, "period": period,
                          "audience": audience})
    export.columns = DOWNLOAD_COLUMNS
    content, content_type = download(export, request.user, kind, wants_excel(request.GET))
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-cache" if audience != "public" else "no-cache"
    return response


# ---- the regional view -------------------------------------------------------------------

REGION_COLUMNS = ("rank", "unit_code", "unit_name", "type", "population", "value", "lower",
                  "upper", "class_number", "hidden", "label")


def _region_answer(request: HttpRequest) -> dict[str, Any]:
    """The regional view the query asks for (``t``, ``level``, ``indicator``, ``period``,
    ``unit``), public values only; 404 for what does not exist."""
    chosen = request.GET.get("indicator") or ""
    indicator = region.public_indicator(chosen) if chosen else None
    if indicator is None:
        if chosen:
            raise Http404(_("There is no such indicator."))
        indicator = next((i for i in indicators_for("public")
                          if indicator_periods(i, "public")), None)
        if indicator is None:
            raise Http404(_("No public indicator has values yet."))
    try:
        return region.region_answer(
            request.GET.get("t") or None, request.GET.get("level") or None, indicator,
            request.GET.get("period") or None, get_language() or "pl",
            request.GET.get("unit") or None)
    except region.NoSuchTerritory:
        raise Http404(_("There is no such territory in this installation.")) from None
    except LookupError:
        raise Http404(_("No values for this level and period.")) from None


@policy.public
def region_page(request: HttpRequest) -> HttpResponse:
    """The regional view: the units of a level in a region (``?t=``) shaded and ranked by a
    public indicator, the region's and the installation's averages from the published
    values, the similar gminas of a chosen one (``?unit=``), the ranking as CSV or XLSX."""
    version = answers.current()
    if not request.GET.get("indicator") and not answers.stored(
            ("region-any-indicator",),
            lambda: any(indicator_periods(i, "public") for i in indicators_for("public")),
            version):
        return render(request, "web/region.html",
                      {"content": render_to_string("web/region_content.html", {"answer": None})})
    answer = _region_answer(request)
    key = ("region-page", answer["territory"]["t"] if answer["territory"] else "",
           answer["level"], answer["indicator"]["id"], answer["period"], answer["unit"] or "",
           get_language())
    content = answers.stored(key, lambda: _region_content(answer, version), version)
    return render(request, "web/region.html", {"content": content})


def _region_content(answer: dict[str, Any], version: answers.Version) -> str:
    query = {"level": answer["level"], "indicator": answer["indicator"]["id"],
             "period": answer["period"]}
    if answer["territory"]:
        query["t"] = answer["territory"]["t"]
    context = {
        "answer": answer,
        "map": region.region_map(answer, version),
        "territories": region.territories(version),
        "indicators": _indicators("public", ()),
        "query": urlencode(query),
        "map_url": reverse("web:map") + "?" + urlencode(
            {**query, **({"unit": answer["unit"]} if answer["unit"] else {})}),
    }
    return render_to_string("web/region_content.html", context)


@policy.public
def region_download(request: HttpRequest) -> HttpResponse:
    """The regional view's ranking as CSV (for Polish Excel with ``excel=1``) or XLSX
    (``format``): the published values only, hidden ones unranked and empty."""
    kind = request.GET.get("format", "csv")
    if kind not in ("csv", "xlsx"):
        raise Http404(_("Download CSV or XLSX."))
    answer = _region_answer(request)
    rows = [{c: row.get(c) for c in REGION_COLUMNS} for row in answer["units"]]
    where = answer["territory"]["t"] if answer["territory"] else "all"
    name = f"{answer['indicator']['id']}-{answer['level']}-{where}-{answer['period']}.{kind}"
    metadata = {"indicator": answer["indicator"], "period": answer["period"],
                "level": answer["level"], "territory": answer["territory"],
                "audience": "public", "region_average": answer["region_average"],
                "installation_average": answer["country_average"],
                "averages": "population-weighted mean of the published values only"}
    export = unit_export("region", name, rows, metadata, answer["level"],
                         {"indicator": answer["indicator"]["id"], "level": answer["level"],
                          "period": answer["period"], "t": where, "audience": "public"})
    export.columns = REGION_COLUMNS
    content, content_type = download(export, request.user, kind, wants_excel(request.GET))
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-cache"
    return response
