from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kooperacja.command import UserCommand
from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.programmes.models import Programme
from kooperacja.programmes.services.monitoring import refresh_values
from kooperacja.programmes.services.report import build_monitoring_report
from kooperacja.reports.services.render import FORMATS, render


class Command(UserCommand):
    help = gettext_lazy(
        "Write the yearly monitoring report of a programme: for each objective its targets "
        "(baseline, the values of each period up to --period, the target and its traffic "
        "light) and its actions; --refresh first stores the indicators' values of the "
        "period. The format follows the file's extension: .docx, .pdf or .html."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--programme", type=int, required=True, metavar="ID",
                            help=_("the programme's number (on its page /programy/ID/)"))
        parser.add_argument("--period", required=True, metavar="P",
                            help=_("the period reported on, e.g. 2025"))
        parser.add_argument("--out", required=True, metavar="FILE",
                            help=_("the file to write: FILE.docx, FILE.pdf or FILE.html"))
        parser.add_argument("--refresh", action="store_true",
                            help=_("first store the indicator targets' values of the period "
                                   "(the indicators' public values; audited)"))

    def run(self, *args: Any, **options: Any) -> str:
        programme = Programme.objects.filter(pk=options["programme"]).first()
        if programme is None:
            raise UserError(None, N_("There is no programme %(id)s."),
                            {"id": options["programme"]})
        out = Path(options["out"])
        fmt = out.suffix.lstrip(".").lower()
        if fmt not in FORMATS:
            raise UserError(None, N_("The report's file ends with .docx, .pdf or .html."))
        if options.get("refresh"):
            refresh_values(None, programme, options["period"])
        out.write_bytes(render(build_monitoring_report(programme, options["period"]),
                               fmt))  # type: ignore[arg-type]
        return _("Written %(file)s") % {"file": out}
