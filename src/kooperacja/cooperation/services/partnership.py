"""The partnership register: what the public sees, what expires, who may read a scan."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from kooperacja import policy
from kooperacja.cooperation.models import Agreement, ContactPerson
from kooperacja.cooperation.services import access
from kooperacja.records.models import Institution, Membership


def warning_days() -> int:
    return int(settings.KOOPERACJA_AGREEMENT_WARNING_DAYS)


def public_agreements() -> QuerySet[Agreement]:
    """Letters of intent (always listed) and the agreements marked public."""
    return (Agreement.objects.filter(Q(kind=Agreement.Kind.INTENT) | Q(is_public=True))
            .prefetch_related("parties").order_by("kind", "-signed_on", "title"))


def partner_institutions() -> QuerySet[Institution]:
    """Institutions that are a party to at least one agreement."""
    return Institution.objects.filter(agreements__isnull=False).distinct().order_by("name")


def expiring(days: int | None = None, today: datetime.date | None = None
             ) -> QuerySet[Agreement]:
    """Agreements whose validity ends within ``days`` (the setting when None) from today."""
    today = today or timezone.localdate()
    days = warning_days() if days is None else days
    return (Agreement.objects.filter(valid_until__gte=today,
                                     valid_until__lte=today + datetime.timedelta(days=days))
            .prefetch_related("parties").order_by("valid_until"))


# From an agreement to the code of any party's territory (access.kept_by).
AGREEMENT_TERRITORY = "parties__territory__territory__code"


def may_read_scan(user: Any, agreement: Agreement) -> bool:
    """A public agreement's scan is anyone's; otherwise its parties' members', and of
    those who keep the register of a party's territory."""
    if agreement.is_public:
        return True
    who = policy.principal(user)
    if who.installation:
        return True
    if not who.grants:
        return False
    parties = set(agreement.parties.values_list("pk", flat=True))
    if parties & {g.institution_id for g in who.grants}:
        return True
    return access.kept_by(user, Agreement.objects.filter(pk=agreement.pk),
                          AGREEMENT_TERRITORY).exists()


@dataclass
class AgreementReminder:
    agreement: Agreement
    emails: list[str] = field(default_factory=list)


def agreement_reminders(days: int | None = None, today: datetime.date | None = None
                        ) -> list[AgreementReminder]:
    """The expiring agreements with whom to tell: the parties' contact persons, else the
    members of the parties who keep the register."""
    found = []
    for agreement in expiring(days, today):
        parties = list(agreement.parties.all())
        emails = set(ContactPerson.objects.filter(institution__in=parties)
                     .exclude(email="").values_list("email", flat=True))
        if not emails:
            emails = set(Membership.objects.filter(
                institution__in=parties, role__in=policy.roles_for(policy.Action.MANAGE_TEAMS),
                user__is_active=True).exclude(user__email="").values_list("user__email",
                                                                          flat=True))
        found.append(AgreementReminder(agreement, sorted(emails)))
    return found


def send_agreement_reminder(reminder: AgreementReminder) -> int:
    """E-mail one reminder; the number of messages sent."""
    if not reminder.emails:
        return 0
    agreement = reminder.agreement
    until = agreement.valid_until.isoformat() if agreement.valid_until else ""
    body = _("The agreement “%(title)s” (%(kind)s) between %(parties)s is valid until "
             "%(until)s. Please arrange its renewal or confirm that it ends.") % {
        "title": agreement.title, "kind": agreement.get_kind_display(),
        "parties": ", ".join(p.name for p in agreement.parties.all()), "until": until}
    return send_mail(_("Partnership: an agreement expires on %(until)s") % {"until": until},
                     body, None, reminder.emails)
