from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kooperacja.command import UserCommand
from kooperacja.cooperation.services.reminders import notices, send_notice


class Command(UserCommand):
    help = gettext_lazy(
        "List, for every member of a team, the team's meetings in the coming days and the "
        "member's tasks that are overdue or due by then; with --send, e-mail them."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--send", action="store_true",
                            help=_("e-mail each member (Django's EMAIL_* settings)"))
        parser.add_argument("--days", type=int, default=7,
                            help=_("how many days ahead (default 7)"))

    def run(self, *args: Any, **options: Any) -> str:
        found = notices(max(options["days"], 0))
        sent = 0
        for notice in found:
            self.stdout.write(_("%(email)s: %(meetings)d meetings, %(tasks)d tasks") % {
                "email": notice.email, "meetings": len(notice.meetings),
                "tasks": len(notice.tasks)})
            if options["send"]:
                sent += send_notice(notice)
        summary = ngettext("%(count)d person to notify", "%(count)d people to notify",
                           len(found)) % {"count": len(found)}
        if options["send"]:
            summary += ngettext("; %(sent)d e-mail sent", "; %(sent)d e-mails sent",
                                sent) % {"sent": sent}
        return summary
