from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kooperacja.command import UserCommand
from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.referrals.services.weekly import checks_by_institution, send_reports


class Command(UserCommand):
    help = gettext_lazy(
        "Count the checks before referral of the last --days days (7 by default) per "
        "institution, person and answer; with --send e-mail each institution's counts to its "
        "administrators (schedule it weekly). Counts only: the audit log holds no PESEL."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=7, help=_("days back (default 7)"))
        parser.add_argument("--send", action="store_true",
                            help=_("e-mail the counts to each institution's administrators"))

    def run(self, *args: Any, **options: Any) -> str:
        if options["days"] < 1:
            raise UserError(None, N_("--days takes a whole number of days, 1 or more."))
        reports = checks_by_institution(options["days"])
        for report in reports:
            self.stdout.write(report.text())
            self.stdout.write("")
        summary = ngettext("%(count)d institution checked clients",
                           "%(count)d institutions checked clients", len(reports)) % {
            "count": len(reports)}
        if options["send"]:
            sent = send_reports(reports)
            summary += ngettext("; %(sent)d e-mail sent", "; %(sent)d e-mails sent",
                                len(sent)) % {"sent": len(sent)}
        return summary
