"""Waitress behind a reverse proxy (docs/security.md, "Deploying behind HTTPS")."""

from __future__ import annotations

from typing import Any

from django.conf import settings


def waitress_proxy_options() -> dict[str, Any]:
    """Trust X-Forwarded-For and X-Forwarded-Proto from ``KOOPERACJA_TRUSTED_PROXY`` only.

    Waitress then sets the client's address and the scheme (https) from them, so login
    throttling and rate limits see clients and not the proxy, and Django knows the request
    was secure. Without a trusted proxy waitress drops those headers from anyone.
    """
    if not settings.KOOPERACJA_TRUSTED_PROXY:
        return {}
    return {
        "trusted_proxy": settings.KOOPERACJA_TRUSTED_PROXY,
        "trusted_proxy_count": 1,
        "trusted_proxy_headers": {"x-forwarded-for", "x-forwarded-proto"},
        "clear_untrusted_proxy_headers": True,
    }
