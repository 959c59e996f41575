from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kooperacja.command import UserCommand, add_excel_option
from kooperacja.records.services.counts import BREAKDOWNS, breakdown_rows, count_rows
from kooperacja.records.services.exports import (
    Export,
    active_submissions,
    submission_provenance,
    write_export,
)
from kooperacja.records.services.institutions import get_institution

COLUMNS = ["unit_code", "code_list", "code", "persons", "families"]


class Command(UserCommand):
    help = gettext_lazy(
        "Export persons and families per unit, code list and code for a period to CSV "
        "(code list and code \"*\": everyone placed in the unit)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--period", required=True)
        parser.add_argument("--institution", help=_("institution code (all added up otherwise)"))
        parser.add_argument("--level", help=_("level code (every level otherwise)"))
        parser.add_argument("--out", required=True, help=_("CSV or XLSX file to write"))
        parser.add_argument(
            "--by", action="append", choices=BREAKDOWNS, default=[],
            help=_("split by sex and/or age band (repeat for both; person-level data only)"),
        )
        add_excel_option(parser)

    def run(self, *args: Any, **options: Any) -> str:
        institution = get_institution(options["institution"]) if options["institution"] else None
        by = tuple(b for b in BREAKDOWNS if b in options["by"])
        pk = institution.pk if institution else None
        if by:
            rows = breakdown_rows(options["period"], pk, options["level"], by)
        else:
            rows = count_rows(options["period"], pk, options["level"])
        columns = [*COLUMNS[:3], *by, *COLUMNS[3:]]
        export = Export("counts", columns, rows, provenance={
            "period": options["period"], "institution": options["institution"],
            "level": options["level"], "by": list(by),
            "inputs": {"submissions": submission_provenance(
                active_submissions(options["period"], institution))},
        }, detail={"period": options["period"], "institution": options["institution"],
                   "level": options["level"], "by": list(by), "file": str(options["out"])})
        write_export(options["out"], export, formats=(".csv", ".xlsx"), excel=options["excel"])
        return ngettext("%(rows)d row written to %(out)s", "%(rows)d rows written to %(out)s",
                        len(rows)) % {"rows": len(rows), "out": options["out"]}
