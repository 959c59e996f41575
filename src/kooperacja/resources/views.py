"""The public resource directory: search, a page per resource, help near an address."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kooperacja import policy
from kooperacja.records.models import Code
from kooperacja.records.services.exports import (
    Export,
    csv_download,
    download,
    geojson_download,
    wants_excel,
)
from kooperacja.resources.models import Resource, ResourceKind
from kooperacja.resources.services.directory import (
    Filters,
    near_address,
    resource_export,
    search,
)
from kooperacja.territory import answers
from kooperacja.territory.models import Unit

PAGE_SIZE = 200


def _choices() -> dict[str, object]:
    english = (get_language() or "pl").startswith("en")
    problems = Code.objects.filter(code_list__code="mops_reason", valid_to__isnull=True)
    units = Unit.objects.current().select_related("level").order_by("level__rank", "code")
    areas: dict[str, list[tuple[str, str]]] = {}
    for unit in units:
        areas.setdefault(unit.level.name, []).append((f"{unit.level.code}:{unit.code}", unit.name))
    return {
        "kinds": ResourceKind.objects.all(),
        "problems": [(c.code, c.label_en if english else c.label_pl) for c in problems],
        "areas": [(level, options) for level, options in areas.items() if len(options) > 1],
    }


def _map_config() -> dict[str, object]:
    return {"tileUrl": settings.KOOPERACJA_TILE_URL,
            "tileAttribution": settings.KOOPERACJA_TILE_ATTRIBUTION,
            "detailUrl": reverse("resources:detail", args=[0]),
            "text": {"loadError": _("The map data could not be loaded. Try again later."),
                     "details": _("Details")}}


@policy.public
def directory(request: HttpRequest) -> HttpResponse:
    """Searchable list of public resources, the same on a clustered map, exports."""
    filters = Filters.from_query(request.GET)
    query = request.GET.urlencode()
    # The date is in the key: a resource becomes "not confirmed recently" on a day.
    key = ("directory", filters, query, get_language(), timezone.localdate())
    page = answers.stored(key, lambda: _listing(filters, query))
    return render(request, "resources/directory.html", {**page, "map_config": _map_config()})


def _listing(filters: Filters, query: str) -> dict[str, object]:
    """The search form and its results, rendered once per search and change of the public
    answers' inputs (territory/answers.py); the rest of the page (the form with its CSRF
    token, the login) per request."""
    found = search(filters)
    total = found.count()
    choices = _choices()
    listing = render_to_string("resources/directory_listing.html", {
        "filters": filters, "resources": found[:PAGE_SIZE], "total": total,
        "truncated": total > PAGE_SIZE, "query": query, **choices,
    })
    kinds = [{"code": kind.code, "label": kind.label} for kind in choices["kinds"]]
    return {"listing": listing, "kinds": kinds}


@policy.public
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    resource = get_object_or_404(
        Resource.objects.public().select_related("kind", "owner", "service_area"), pk=pk)
    english = (get_language() or "pl").startswith("en")
    problems = [p.label_en if english else p.label_pl for p in resource.problems.all()]
    return render(request, "resources/detail.html", {
        "resource": resource, "problems": problems, "map_config": _map_config(),
        "point": {"lon": resource.lon, "lat": resource.lat, "name": resource.name}
        if resource.located else None,
    })


@require_http_methods(["GET", "POST"])
@policy.public
def near(request: HttpRequest) -> HttpResponse:
    """The nearest resources to a typed address. POST, so the address (maybe a client's)
    stays out of URLs, logs and browser history."""
    context: dict[str, object] = {"kinds": ResourceKind.objects.all(), "address": "", "kind": ""}
    if request.method == "POST":
        address = request.POST.get("address", "").strip()[:300]
        kind = request.POST.get("kind", "").strip()[:40]
        context.update(address=address, kind=kind, asked=True)
        if address:
            context["found"] = near_address(address, kind)
    return render(request, "resources/near.html", context)


@policy.public
def export_csv(request: HttpRequest) -> HttpResponse:
    """The directory's search as CSV; ``excel=1`` for Polish Excel."""
    body, provenance = csv_download(_export(request), request.user, wants_excel(request.GET))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="zasoby.csv"'
    response["X-Provenance"] = provenance.encode("ascii", "backslashreplace").decode("ascii")
    return response


@policy.public
def export_xlsx(request: HttpRequest) -> HttpResponse:
    """The directory's search as a workbook (the provenance in its second sheet)."""
    body, content_type = download(_export(request), request.user, "xlsx")
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = 'attachment; filename="zasoby.xlsx"'
    return response


@policy.public
def export_geojson(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(geojson_download(_export(request), request.user),
                            content_type="application/geo+json")
    response["Content-Disposition"] = 'attachment; filename="zasoby.geojson"'
    return response


def _export(request: HttpRequest) -> Export:
    filters = Filters.from_query(request.GET)
    return resource_export(search(filters), {k: v for k, v in request.GET.items()
                                             if k in ("q", "kind", "problem", "area")})
