from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kooperacja.command import UserCommand
from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.cycles.models import Cycle
from kooperacja.cycles.services.reminders import late_reminders, send_reminder


class Command(UserCommand):
    help = gettext_lazy(
        "List the data requests of the diagnosis cycles that are late (past their due date "
        "with nothing received) and, with --send, e-mail the people of each late institution "
        "who send its extracts."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--send", action="store_true",
                            help=_("e-mail each late institution (Django's EMAIL_* settings)"))
        parser.add_argument("--cycle", type=int, metavar="ID",
                            help=_("only the requests of this cycle (its number on the cycle "
                                   "page)"))

    def run(self, *args: Any, **options: Any) -> str:
        cycle = options.get("cycle")
        if cycle is not None and not Cycle.objects.filter(pk=cycle).exists():
            raise UserError(None, N_("There is no cycle %(cycle)s."), {"cycle": cycle})
        found = late_reminders(cycle)
        sent = 0
        for reminder in found:
            for request in reminder.requests:
                self.stdout.write(_("%(institution)s: %(what)s for %(period)s, due %(due)s; "
                                    "%(emails)s") % {
                    "institution": reminder.institution.name,
                    "what": request.what or _("data"),
                    "period": request.period, "due": request.due_date.isoformat(),
                    "emails": ", ".join(reminder.emails) or _("nobody with an e-mail address")})
            if options["send"]:
                sent += send_reminder(reminder)
        summary = ngettext("%(count)d institution late", "%(count)d institutions late",
                           len(found)) % {"count": len(found)}
        if options["send"]:
            summary += ngettext("; %(sent)d e-mail sent", "; %(sent)d e-mails sent",
                                sent) % {"sent": sent}
        return summary
