"""The data catalogue's page and its download (docs/catalogue.md)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from kooperacja import policy
from kooperacja.catalogue.services.catalogue import (
    COLUMNS,
    OPTIONAL,
    SECTIONS,
    build_catalogue,
    section_titles,
    status_labels,
)
from kooperacja.records.services.exports import Export, download, wants_excel


@policy.public
def index(request: HttpRequest) -> HttpResponse:
    """Every dataset the map is built from, as far as the visitor may see it."""
    catalogue = build_catalogue(request.user)
    titles, labels = section_titles(), status_labels()
    sections = [{"code": code, "title": titles[code],
                 "entries": [(e, labels.get(e.status, e.status)) for e in catalogue.section(code)]}
                for code in SECTIONS if code not in OPTIONAL or catalogue.section(code)]
    return render(request, "catalogue/index.html", {
        "sections": sections, "catalogue": catalogue,
        "shows_who": any(e.imported_by is not None for e in catalogue.entries),
    })


@policy.public
def download_catalogue(request: HttpRequest) -> HttpResponse:
    """The catalogue as CSV (``excel=1`` for Polish Excel) or XLSX (``format``), through
    the one export writer (provenance, audit)."""
    kind = request.GET.get("format", "csv")
    if kind not in ("csv", "xlsx"):
        raise Http404(_("Download CSV or XLSX."))
    catalogue = build_catalogue(request.user)
    export = Export("catalogue", COLUMNS, catalogue.rows(), layer="catalogue",
                    provenance={"catalogue": {"generated": catalogue.generated}},
                    detail={"entries": len(catalogue.entries)})
    body, content_type = download(export, request.user, kind, wants_excel(request.GET))
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="katalog-danych.{kind}"'
    response["Cache-Control"] = "private, no-cache"
    return response
