"""Entries not verified for too long, and reminders to the institutions that keep them."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kooperacja.policy import Action, roles_for
from kooperacja.records.models import Institution, Membership
from kooperacja.resources.models import Resource, stale_months


@dataclass
class Reminder:
    """One institution (None: entries nobody owns, for the installation administrators) and
    its stale entries; ``emails`` of the people who keep them."""

    owner: Institution | None
    resources: list[Resource]
    emails: list[str] = field(default_factory=list)


def reminders(today: datetime.date | None = None) -> list[Reminder]:
    found: dict[int | None, Reminder] = {}
    for resource in Resource.objects.stale(today).select_related("owner").order_by("owner", "name"):
        key = resource.owner_id
        if key not in found:
            found[key] = Reminder(resource.owner, [])
        found[key].resources.append(resource)
    for key, reminder in found.items():
        emails: Iterable[str]
        if key is None:
            emails = get_user_model().objects.filter(
                is_superuser=True, is_active=True).values_list("email", flat=True)
        else:
            emails = Membership.objects.filter(
                institution_id=key, role__in=roles_for(Action.EDIT_RESOURCE), user__is_active=True
            ).values_list("user__email", flat=True)
        reminder.emails = sorted(set(emails) - {""})
    return list(found.values())


def send_reminder(reminder: Reminder) -> int:
    """E-mail the reminder through Django's configured backend; the number of messages sent."""
    if not reminder.emails:
        return 0
    lines = [f"- {r.name} ({r.address or r.kind.code}): "
             + (r.last_verified.isoformat() if r.last_verified else _("never verified"))
             for r in reminder.resources]
    months = stale_months()
    body = ngettext(
        "These entries of the resource directory have not been verified for %(months)d month. "
        "Please check them in the administration panel and correct what has changed:",
        "These entries of the resource directory have not been verified for %(months)d months. "
        "Please check them in the administration panel and correct what has changed:",
        months) % {"months": months}
    return send_mail(_("Resource directory: entries to verify"), body + "\n\n" + "\n".join(lines),
                     None, reminder.emails)
