from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kooperacja.catalogue.services.feeds import import_dir, send_reports
from kooperacja.command import UserCommand


class Command(UserCommand):
    help = gettext_lazy(
        "Import the files dropped into DIR/<kind>/<institution>/ (kind: mops, pup, aggregate "
        "with the period in the file's name, or resources), move each to DIR/done/ or "
        "DIR/failed/ with a report beside it and, with --send, e-mail the reports; run it "
        "from a timer (docs/catalogue.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("dir", help=_("the folder with one subfolder per kind"))
        parser.add_argument("--send", action="store_true",
                            help=_("e-mail each institution's reports to its people who may "
                                   "see its submissions (Django's EMAIL_* settings)"))
        parser.add_argument("--min-age", type=float, default=60, metavar="SECONDS",
                            help=_("leave files changed in the last SECONDS (still being "
                                   "copied) for the next run"))

    def run(self, *args: Any, **options: Any) -> str:
        results = import_dir(Path(options["dir"]), options["min_age"])
        for result in results:
            self.stdout.write(result.report().rstrip("\n"))
        failed = sum(not r.ok for r in results)
        summary = ngettext("%(count)d file, %(failed)d failed",
                           "%(count)d files, %(failed)d failed", len(results)) % {
            "count": len(results), "failed": failed}
        if options["send"]:
            sent = send_reports(results)
            summary += ngettext("; %(sent)d e-mail sent", "; %(sent)d e-mails sent",
                                sent) % {"sent": sent}
        return summary
