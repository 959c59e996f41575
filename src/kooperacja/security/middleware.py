"""Security headers, session expiry and the second-factor gate (docs/security.md)."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from kooperacja.security.secondfactor import has_confirmed_device, needs_second_factor
from kooperacja.security.sessions import expire_session

Handler = Callable[[HttpRequest], HttpResponse]


class SecurityHeadersMiddleware:
    """Headers Django does not set itself: Permissions-Policy."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.KOOPERACJA_PERMISSIONS_POLICY)
        return response


class SessionExpiryMiddleware:
    """Signs out a user whose session was idle or has reached its maximum age."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            expire_session(request)
        return self.get_response(request)


def _open_without_second_factor(path: str) -> bool:
    """Account pages (login, logout, the second factor itself), static files, language."""
    static = "/" + settings.STATIC_URL.lstrip("/")
    return path.startswith(("/konto/", static, "/i18n/", reverse("admin:logout")))


class SecondFactorMiddleware:
    """Sends a user whose role needs a second factor to set it up or confirm it before any
    other page; API calls get a 403 instead."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (settings.KOOPERACJA_SECOND_FACTOR and user.is_authenticated
                and not user.is_verified() and not _open_without_second_factor(request.path)
                and needs_second_factor(user)):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": _("Confirm your login with a second factor.")},
                                    status=403)
            view = "security:verify" if has_confirmed_device(user) else "security:setup"
            return redirect(f"{reverse(view)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

