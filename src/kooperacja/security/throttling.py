"""Rate limits per client address for the public endpoints that geocode an address."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import SimpleRateThrottle

from kooperacja.records.services.audit import client_address


class ClientRateThrottle(SimpleRateThrottle):
    """At most ``KOOPERACJA_RATE_LIMITS[scope]`` requests per client address; more get 429
    with Retry-After. The counts live in the cache (Django's ``default`` cache)."""

    def __init__(self, scope: str) -> None:
        self.scope = scope
        self.rate = None

    def allow_request(self, request: HttpRequest) -> bool:
        # Read on each request, so a changed setting applies without a restart of the API.
        self.rate = settings.KOOPERACJA_RATE_LIMITS[self.scope]
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request: HttpRequest) -> str:
        return f"kooperacja-rate-{self.scope}-{client_address(request)}"
