"""Late data requests and the e-mails that remind their institutions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.mail import send_mail
from django.utils import timezone
from django.utils.translation import gettext as _

from kooperacja.cycles.models import DataRequest
from kooperacja.cycles.services.status import statuses
from kooperacja.policy import Action, roles_for
from kooperacja.records.models import Institution, Membership
from kooperacja.records.services.audit import record_event


@dataclass
class Reminder:
    """One institution, its late requests and the addresses of those who send its data."""

    institution: Institution
    requests: list[DataRequest]
    emails: list[str] = field(default_factory=list)


def late_reminders(cycle: int | None = None, today: dt.date | None = None) -> list[Reminder]:
    """The institutions with late requests (of one cycle if given), with the e-mail
    addresses of the people who may send their extracts (the policy's UPLOAD roles)."""
    today = today or timezone.localdate()
    found = DataRequest.objects.select_related("institution", "code_list", "cycle").filter(
        due_date__lt=today)
    if cycle is not None:
        found = found.filter(cycle_id=cycle)
    late = [s.request for s in statuses(found, today) if s.late]
    by_institution: dict[int, Reminder] = {}
    for request in sorted(late, key=lambda r: (r.institution.name, r.period)):
        by_institution.setdefault(request.institution_id,
                                  Reminder(request.institution, [])).requests.append(request)
    people = Membership.objects.filter(
        institution_id__in=by_institution, role__in=roles_for(Action.UPLOAD),
        user__is_active=True).values_list("institution_id", "user__email")
    for institution, email in people:
        if email:
            by_institution[institution].emails.append(email)
    for reminder in by_institution.values():
        reminder.emails = sorted(set(reminder.emails))
    return list(by_institution.values())


def send_reminder(reminder: Reminder) -> int:
    """E-mail one institution about its late requests; the number of messages sent."""
    if not reminder.emails:
        return 0
    lines = [
        "- " + _("%(what)s for %(period)s, due %(due)s (%(cycle)s)") % {
            "what": r.what or _("data"),
            "period": r.period, "due": r.due_date.isoformat(), "cycle": r.cycle.name}
        for r in reminder.requests]
    body = _("The diagnosis team is still waiting for these data from %(institution)s. Please "
             "send them on the upload page, or tell the coordinator when you can:") % {
        "institution": reminder.institution.name}
    sent = send_mail(_("Diagnosis: data not yet received"), body + "\n\n" + "\n".join(lines),
                     None, reminder.emails)
    record_event(None, "remind", reminder.institution, {
        "requests": [r.pk for r in reminder.requests], "recipients": len(reminder.emails)},
        actor="system")
    return sent
