from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kooperacja.command import UserCommand, add_excel_option
from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.records.services.exports import (
    Export,
    active_submissions,
    submission_provenance,
    write_export,
)
from kooperacja.records.services.institutions import get_institution
from kooperacja.records.services.overlap import overlap_table


class Command(UserCommand):
    help = gettext_lazy(
        "Export, per unit and for the whole territory (*), the persons two institutions "
        "both served in a period and those who got the same kind of help from both."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--period", required=True)
        parser.add_argument("--institutions", required=True, help=_("two institution codes: A,B"))
        parser.add_argument("--level", help=_("level code (the finest level otherwise)"))
        parser.add_argument("--out", required=True, help=_("CSV or XLSX file to write"))
        add_excel_option(parser)

    def run(self, *args: Any, **options: Any) -> str:
        codes = [c.strip() for c in options["institutions"].split(",") if c.strip()]
        if len(codes) != 2 or codes[0] == codes[1]:
            raise UserError(None, N_("Give two different institution codes: --institutions A,B."))
        a, b = (get_institution(code) for code in codes)
        table = overlap_table(options["period"], a, b, options["level"])
        export = Export("overlap", list(table.columns), table.to_dict("records"), provenance={
            "period": options["period"], "institutions": codes, "level": options["level"],
            "inputs": {"submissions": submission_provenance(
                [s for i in (a, b) for s in active_submissions(options["period"], i)])},
        }, detail={"period": options["period"], "institutions": codes,
                   "level": options["level"], "file": str(options["out"])})
        write_export(options["out"], export, formats=(".csv", ".xlsx"), excel=options["excel"])
        return ngettext("%(rows)d row written to %(out)s; persons served by both: %(both)d",
                        "%(rows)d rows written to %(out)s; persons served by both: %(both)d",
                        len(table)) % {
            "rows": len(table), "out": options["out"], "both": int(table["persons_both"].iloc[-1]),
        }
