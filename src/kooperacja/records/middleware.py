"""Files every event of a request under the client's address, and records every refusal."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from kooperacja.records.services.audit import client_address, record_event, request_address


class AuditMiddleware:
    """Every 403 answer (a PermissionDenied raised anywhere, an API refusal, a failed CSRF
    check) becomes a "denied" event with the method and path (never the query string,
    which may carry an address)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with request_address(client_address(request)):
            response = self.get_response(request)
            if response.status_code == 403:
                record_event(getattr(request, "user", None), "denied", "url",
                             {"method": request.method, "path": request.path[:300]})
        return response
