from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kooperacja.command import UserCommand, check_output
from kooperacja.reports.services.build import build
from kooperacja.reports.services.document import AUDIENCES, TEMPLATES, check_template
from kooperacja.reports.services.exporting import report_format, write_report


class Command(UserCommand):
    help = gettext_lazy(
        "Write the diagnosis report of a territory and period as DOCX, PDF or HTML: the "
        "population, one chapter per social problem in the data (rate with its interval, map, "
        "trend, hot spots), the labour market, clients of both MOPS and PUP, resources and "
        "gap areas, and a table for the team's recommendations (template diagnoza), or the "
        "tables of the OZPS assessment that the data fill (template ozps). Every number "
        "passes disclosure control for the audience; the export is audited."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--template",
            required=True,
            help=_("report template: %(templates)s") % {"templates": ", ".join(TEMPLATES)},
        )
        parser.add_argument(
            "--territory",
            required=True,
            help=_("code of the unit the report is about (the city or gmina, or one of its units)"),
        )
        parser.add_argument("--period", required=True, help=_("period, e.g. 2025"))
        parser.add_argument(
            "--since",
            help=_(
                "an earlier period to compare with (change, "
                "trend from); the previous period otherwise"
            ),
        )
        parser.add_argument(
            "--audience",
            choices=AUDIENCES,
            default="public",
            help=_("public (k = 5, may be published) or analyst (k = 3, for the team only)"),
        )
        parser.add_argument(
            "--out",
            required=True,
            action="append",
            dest="outs",
            help=_("FILE.docx, FILE.pdf or FILE.html; repeat it for several formats of one report"),
        )

    def run(self, *args: Any, **options: Any) -> str:
        check_template(options["template"])
        outs = [Path(out) for out in options["outs"]]
        for out in outs:
            report_format(out)
            check_output(out)
        started = time.perf_counter()
        verbose = options.get("verbosity", 1) >= 1

        def progress(step: str) -> None:
            if verbose:
                self.stderr.write(_("… %(step)s") % {"step": step})

        report = build(
            options["template"],
            options["territory"],
            options["period"],
            since=options["since"],
            audience=options["audience"],
            progress=progress,
        )
        empty = sum(1 for c in report.chapters if c.empty_note)
        for out in outs:
            progress(_("writing %(file)s") % {"file": out})
            size = write_report(out, report)
            self.stdout.write(
                _(
                    "Report written to %(file)s (%(kb)s kB, %(chapters)s chapters, "
                    "%(empty)s without data)."
                )
                % {
                    "file": out,
                    "kb": size // 1024,
                    "chapters": len(report.chapters),
                    "empty": empty,
                }
            )
        return _("Done in %(seconds)s s.") % {"seconds": round(time.perf_counter() - started, 1)}
