from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kooperacja.command import UserCommand
from kooperacja.resources.models import stale_months
from kooperacja.resources.services.stale import reminders, send_reminder


class Command(UserCommand):
    help = gettext_lazy(
        "List the institutions whose resource entries are stale (not verified for "
        "KOOPERACJA_RESOURCE_STALE_MONTHS months) and, with --send, e-mail the people who keep "
        "them."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--send", action="store_true",
                            help=_("e-mail each institution's partners (Django's EMAIL_* "
                                   "settings)"))

    def run(self, *args: Any, **options: Any) -> str:
        found = reminders()
        sent = 0
        for reminder in found:
            owner = reminder.owner.name if reminder.owner else _("(no owner: administrators)")
            self.stdout.write(ngettext("%(owner)s: %(count)d stale entry; %(emails)s",
                                       "%(owner)s: %(count)d stale entries; %(emails)s",
                                       len(reminder.resources)) % {
                "owner": owner, "count": len(reminder.resources),
                "emails": ", ".join(reminder.emails) or _("nobody with an e-mail address")})
            if options["send"]:
                sent += send_reminder(reminder)
        summary = ngettext(
            "%(owners)d institution with entries older than %(months)d months",
            "%(owners)d institutions with entries older than %(months)d months", len(found)) % {
            "owners": len(found), "months": stale_months()}
        if options["send"]:
            summary += ngettext("; %(sent)d e-mail sent", "; %(sent)d e-mails sent",
                                sent) % {"sent": sent}
        return summary
