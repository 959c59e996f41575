from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kooperacja.command import UserCommand
from kooperacja.cooperation.services.partnership import (
    agreement_reminders,
    send_agreement_reminder,
    warning_days,
)


class Command(UserCommand):
    help = gettext_lazy(
        "List the agreements of the partnership that expire within "
        "KOOPERACJA_AGREEMENT_WARNING_DAYS days (or --days) and, with --send, e-mail the "
        "parties' contact persons."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--send", action="store_true",
                            help=_("e-mail the parties' contact persons (else the members "
                                   "who keep the register; Django's EMAIL_* settings)"))
        parser.add_argument("--days", type=int, default=None,
                            help=_("look this many days ahead (default: "
                                   "KOOPERACJA_AGREEMENT_WARNING_DAYS)"))

    def run(self, *args: Any, **options: Any) -> str:
        days = warning_days() if options["days"] is None else max(options["days"], 0)
        found = agreement_reminders(days)
        sent = 0
        for reminder in found:
            agreement = reminder.agreement
            self.stdout.write(_("%(until)s %(title)s; %(emails)s") % {
                "until": agreement.valid_until, "title": agreement.title,
                "emails": ", ".join(reminder.emails) or _("nobody with an e-mail address")})
            if options["send"]:
                sent += send_agreement_reminder(reminder)
        summary = ngettext("%(count)d agreement expires within %(days)d days",
                           "%(count)d agreements expire within %(days)d days",
                           len(found)) % {"count": len(found), "days": days}
        if options["send"]:
            summary += ngettext("; %(sent)d e-mail sent", "; %(sent)d e-mails sent",
                                sent) % {"sent": sent}
        return summary
