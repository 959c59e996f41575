from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kooperacja.command import UserCommand
from kooperacja.records.services.counts import count_rows
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

    def run(self, *args: Any, **options: Any) -> str:
        institution = get_institution(options["institution"]) if options["institution"] else None
        rows = count_rows(
            options["period"], institution.pk if institution else None, options["level"]
        )
        export = Export("counts", COLUMNS, rows, provenance={
            "period": options["period"], "institution": options["institution"],
            "level": options["level"], "inputs": {"submissions": submission_provenance(
                active_submissions(options["period"], institution))},
        }, detail={"period": options["period"], "institution": options["institution"],
                   "level": options["level"], "file": str(options["out"])})
        write_export(options["out"], export, formats=(".csv", ".xlsx"))
        return ngettext("%(rows)d row written to %(out)s", "%(rows)d rows written to %(out)s",
                        len(rows)) % {"rows": len(rows), "out": options["out"]}
