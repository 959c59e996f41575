"""Who must confirm a login with a second factor (a TOTP code from an authenticator app),
and the devices that give it."""

from __future__ import annotations

from typing import Any

from django_otp.plugins.otp_totp.models import TOTPDevice

from kooperacja.policy import Role

# Roles that reach analyst thresholds, approve data, manage other people's accounts or read
# the audit log (who looked at what, from where: the data-protection officer) (the roles
# are kooperacja/policy's). Only the partner, who sees its own institution's data, has none.
SECOND_FACTOR_ROLES = frozenset(
    {Role.ANALYST, Role.ADMINISTRATOR, Role.STEWARD, Role.COORDINATOR, Role.DPO}
)


def needs_second_factor(user: Any) -> bool:
    """Whether ``user`` must confirm each login with a TOTP code."""
    if not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    return user.memberships.filter(role__in=SECOND_FACTOR_ROLES).exists()


def has_confirmed_device(user: Any) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_device(user: Any) -> TOTPDevice:
    """The authenticator being set up: the same key until a code confirms it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def check_code(user: Any, code: str, *, confirmed: bool) -> TOTPDevice | None:
    """The device (confirmed, or being set up) that accepts ``code``; None if none does.

    Each device counts its failures and refuses every code for a growing time after them
    (django-otp's throttling), so codes cannot be guessed at speed.
    """
    for device in TOTPDevice.objects.filter(user=user, confirmed=confirmed):
        if device.verify_token(code):
            return device
    return None
