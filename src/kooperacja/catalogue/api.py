"""The data catalogue over the API: /api/v1/catalogue (docs/catalogue.md)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from kooperacja import policy
from kooperacja.catalogue.services.catalogue import build_catalogue

router = Router(tags=["catalogue"])


class EntryOut(Schema):
    section: str
    dataset: str
    source: str
    period: str
    updated: str | None
    rows: int | None
    status: str
    note: str
    imported_by: str | None


class CatalogueOut(Schema):
    generated: str
    entries: list[EntryOut]


@router.get("/catalogue", response={200: CatalogueOut},
            summary="Every dataset the map is built from")
@policy.public
def catalogue(request: HttpRequest) -> dict[str, object]:
    """The datasets behind the map (boundaries and their generations, population by year,
    the TERC and address registers, institutions' submissions, partners' aggregates, places
    of help, indicator definitions) with source, period, last update, rows and status, as
    far as the caller may see them: anonymous callers get the public part (the registers,
    the public indicators and the institution and date of their inputs)."""
    found = build_catalogue(request.user)
    return {"generated": found.generated, "entries": found.rows()}
