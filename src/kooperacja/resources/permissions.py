"""Who may change which resource: each institution its own entries, administrators all.

One helper per question, used by the admin, the API and the commands alike.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from kooperacja.records.models import Institution, Membership
from kooperacja.records.permissions import is_administrator
from kooperacja.resources.models import Resource

# Analysts read aggregates; keeping a directory entry current is the partner's job.
EDITING_ROLES = (Membership.Role.PARTNER, Membership.Role.ADMINISTRATOR)


def owners_for(user: Any) -> QuerySet[Institution]:
    """Institutions whose entries the user keeps: all for an administrator."""
    if not user.is_authenticated:
        return Institution.objects.none()
    if is_administrator(user):
        return Institution.objects.all()
    return Institution.objects.filter(members__user=user, members__role__in=EDITING_ROLES)


def editable_resources(user: Any) -> QuerySet[Resource]:
    """Resources the user may change; an entry without an owner is the administrators'."""
    if not user.is_authenticated:
        return Resource.objects.none()
    if is_administrator(user):
        return Resource.objects.all()
    return Resource.objects.filter(owner__in=owners_for(user))


def can_edit(user: Any, resource: Resource | None = None) -> bool:
    """Whether the user may change ``resource`` (or, without one, any resource at all)."""
    if resource is None:
        return owners_for(user).exists()
    if resource.pk is None:  # a new entry: it must go to one of the user's institutions
        return is_administrator(user) or owners_for(user).filter(pk=resource.owner_id).exists()
    return editable_resources(user).filter(pk=resource.pk).exists()


def check_can_edit(user: Any, resource: Resource) -> None:
    if not can_edit(user, resource):
        raise PermissionDenied("this resource belongs to another institution")


def can_verify(user: Any) -> bool:
    """Only administrators confirm that an entry is still true."""
    return is_administrator(user)
