"""Address endpoints: geocoding one address against the register.

Anyone may call it (a public "help near an address" will), so the query is neither
logged nor stored: it may be a client's address.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from kooperacja import policy
from kooperacja.addresses.services.geocoding import geocode as geocode_addresses
from kooperacja.api_errors import errors
from kooperacja.security.throttling import ClientRateThrottle

router = Router(tags=["addresses"])


class GeocodeOut(Schema):
    status: str
    score: float
    method: str
    address_id: str | None
    lon: float | None
    lat: float | None
    units: dict[str, str]


class GeocodeIn(Schema):
    q: str
    locality: str = ""


def _answer(q: str, locality: str) -> dict:
    found = geocode_addresses([q[:300]], [locality[:100]] if locality else None)[0]
    return {
        "status": found.status, "score": found.score, "method": found.method,
        "address_id": found.source_id or None, "lon": found.lon, "lat": found.lat,
        "units": found.units,
    }


@router.get("/geocode", response={200: GeocodeOut, **errors(422, 429)},
            summary="Geocode one address", throttle=[ClientRateThrottle("geocode")])
@policy.public
def geocode(request: HttpRequest, q: str, locality: str = "") -> dict:
    """Where an address lies and its unit at each level; nothing about the query is kept.
    Prefer POST: a query string may end up in a proxy's log."""
    return _answer(q, locality)


@router.post("/geocode", response={200: GeocodeOut, **errors(400, 422, 429)},
             summary="Geocode one address (body)",
             throttle=[ClientRateThrottle("geocode")])
@policy.public
def geocode_post(request: HttpRequest, payload: GeocodeIn) -> dict:
    return _answer(payload.q, payload.locality)
