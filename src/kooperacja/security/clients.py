"""The address a request came from, one rule for login throttling and rate limits."""

from __future__ import annotations

from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """The client's IP address.

    Only ``REMOTE_ADDR``: a client can write any X-Forwarded-For it likes. Behind a reverse
    proxy, `kooperacja serve` replaces ``REMOTE_ADDR`` with the address the trusted proxy
    (``KOOPERACJA_TRUSTED_PROXY``) forwards, and with no one else's (docs/security.md).
    None for a request made in-process (Django's test client signing someone in).
    """
    return request.META.get("REMOTE_ADDR") or None
