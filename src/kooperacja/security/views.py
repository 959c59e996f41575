"""The second factor: set up an authenticator app, confirm a login with its code; the page a
locked-out login gets."""

from __future__ import annotations

from base64 import b32encode
from typing import Any
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from kooperacja import policy
from kooperacja.security.forms import CodeForm
from kooperacja.security.secondfactor import check_code, has_confirmed_device, pending_device


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/"


@policy.signed_in
def setup(request: HttpRequest) -> HttpResponse:
    """Show a new key as a QR code (drawn here, no outside service) until a code confirms it."""
    if has_confirmed_device(request.user):
        return _to("security:verify", request)
    device = pending_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if check_code(request.user, form.cleaned_data["code"], confirmed=False) == device:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("code", _("The code does not match. Check the phone's clock and try again."))
    return render(request, "security/setup.html", {
        "form": form, "next": _next(request), "secret": _base32(device),
        "qr": segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2),
    })


@policy.signed_in
def verify(request: HttpRequest) -> HttpResponse:
    """Confirm this login with the code the authenticator app shows."""
    if not has_confirmed_device(request.user):
        return _to("security:setup", request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = check_code(request.user, form.cleaned_data["code"], confirmed=True)
        if device is not None:
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error(
            "code", _("The code does not match or came too late. Wait for the next one.")
        )
    return render(request, "security/verify.html", {"form": form, "next": _next(request)})


def lockout(request: HttpRequest, original_response: Any = None,
            credentials: Any = None) -> HttpResponse:
    """What a login gets after too many failures (django-axes' AXES_LOCKOUT_CALLABLE)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = ngettext(
        "Too many failed sign-in attempts. Signing in is blocked for %(minutes)d minute, "
        "even with the right password.",
        "Too many failed sign-in attempts. Signing in is blocked for %(minutes)d minutes, "
        "even with the right password.",
        minutes,
    ) % {"minutes": minutes}
    return render(request, "security/lockout.html", {"message": message}, status=429)


def _base32(device: TOTPDevice) -> str:
    """The key as the apps take it when typed in instead of scanned."""
    return b32encode(device.bin_key).decode("ascii")


def _to(view: str, request: HttpRequest) -> HttpResponse:
    return redirect(f"{reverse(view)}?{urlencode({'next': _next(request)})}")
