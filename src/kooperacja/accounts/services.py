"""Accounts of the people who work for institutions: one service used by the invitation
page and by `kooperacja add-user` alike (docs/security.md, "Roles")."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.policy import INSTALLATION, Role
from kooperacja.records.models import Institution, Membership
from kooperacja.records.services.audit import record_event
from kooperacja.territory.models import Unit

ROLES: tuple[str, ...] = (*Role.values, INSTALLATION)


@dataclass
class Added:
    user: AbstractUser
    created: bool


def normalise_email(email: str) -> str:
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise UserError(None, N_("%(email)s is not an e-mail address."), {"email": email}) from None
    return email


@transaction.atomic
def add_member(email: str, role: str, institution: Institution | None = None,
               territory: Unit | None = None, password: str | None = None) -> Added:
    """The account of ``email`` (created when new, its e-mail its user name) with ``role``
    in ``institution``; an installation administrator is a superuser and belongs to an
    institution only when one is given. Without ``password`` a new account has none until
    its owner sets one through :func:`set_password_path`."""
    email = normalise_email(email)
    if role not in ROLES:
        raise UserError(None, N_("Unknown role %(role)s; choose one of: %(roles)s."),
                        {"role": role, "roles": ", ".join(ROLES)})
    if institution is None and role != INSTALLATION:
        raise UserError(None, N_("The role %(role)s needs an institution (--institution)."),
                        {"role": role})
    user, created = get_user_model().objects.get_or_create(
        username=email, defaults={"email": email}
    )
    if password is not None:
        user.set_password(password)
    elif created:
        user.set_unusable_password()
    if role == INSTALLATION:
        user.is_staff = user.is_superuser = True
    user.is_active = True  # someone removed from every institution before, invited again
    user.save()
    if institution is not None:
        Membership.objects.update_or_create(
            user=user, institution=institution,
            defaults={"role": Role.ADMINISTRATOR if role == INSTALLATION else role,
                      "territory": territory})
    return Added(user, created)


def set_password_path(user: AbstractUser) -> str:
    """The one-time path on which ``user`` sets a password (valid for
    PASSWORD_RESET_TIMEOUT, spent once a password is set)."""
    return reverse("accounts:set-password", kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    })


def _keeps_an_administrator(membership: Membership) -> None:
    """Refuse to leave ``membership``'s institution without an administrator."""
    others = Membership.objects.filter(
        institution_id=membership.institution_id, role=Role.ADMINISTRATOR
    ).exclude(pk=membership.pk)
    if membership.role == Role.ADMINISTRATOR and not others.exists():
        raise UserError(None, N_("%(institution)s would be left without an administrator: "
                                 "invite another one first."),
                        {"institution": membership.institution.name})


@transaction.atomic
def change_role(membership: Membership, role: str, by: AbstractUser) -> None:
    """Give the member another role in the same institution (audited); the last
    administrator of an institution keeps the role."""
    if role not in Role.values:
        raise UserError(None, N_("Unknown role %(role)s; choose one of: %(roles)s."),
                        {"role": role, "roles": ", ".join(Role.values)})
    if role == membership.role:
        return
    _keeps_an_administrator(membership)
    old, membership.role = membership.role, role
    membership.save(update_fields=["role"])
    record_event(by, "admin_change", membership,
                 {"fields": ["role"], "from": old, "to": role, "page": "members"})


@transaction.atomic
def remove_member(membership: Membership, by: AbstractUser) -> None:
    """Take the member out of the institution (audited); an account left without any
    institution, and not an installation administrator's, can no longer sign in."""
    _keeps_an_administrator(membership)
    user = membership.user
    record_event(by, "admin_delete", membership,
                 {"role": membership.role, "page": "members"})
    membership.delete()
    if not user.is_superuser and not user.memberships.exists():
        user.is_active = False
        user.save(update_fields=["is_active"])
