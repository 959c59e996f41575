from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from tqdm import tqdm

from kooperacja.command import UserCommand
from kooperacja.core.errors import UserError, ngettext_noop
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.core.submissions.layouts import LAYOUTS, load_mapping
from kooperacja.core.tables import data_rows
from kooperacja.messages import rejection_message
from kooperacja.records.models import Submission
from kooperacja.records.services.importing import import_submission, import_summary
from kooperacja.records.services.institutions import get_institution

SHOWN_REJECTIONS = 20


class Command(UserCommand):
    help = gettext_lazy(
        "Import an institution's extract (CSV/XLSX) for a period: validate, pseudonymise, "
        "geocode, store and count; replaces that institution's previous submission for the period."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("CSV or XLSX file; it is left in place"))
        parser.add_argument("--institution", required=True, help=_("institution code"))
        parser.add_argument("--period", required=True, help=_("2025, 2025-H1, 2025-Q3 or 2025-07"))
        parser.add_argument("--layout", required=True, choices=list(LAYOUTS))
        parser.add_argument(
            "--level", help=_("level of the units, when codes repeat across levels")
        )
        parser.add_argument("--mapping", help=_("column mapping file (JSON or TOML)"))
        parser.add_argument("--strict", action="store_true",
                            help=_("reject the file on any bad row"))
        parser.add_argument("--encoding", help=_("CSV encoding (detected otherwise)"))

    def run(self, *args: Any, **options: Any) -> str:
        path = Path(options["file"])
        if not path.is_file():
            raise UserError(path, N_("There is no such file."))
        mapping = None
        if options["mapping"]:
            mapping = load_mapping(Path(options["mapping"]))
        institution = get_institution(options["institution"])
        with tqdm(total=data_rows(path), unit=_("rows"), file=sys.stderr, disable=None) as bar:
            submission = import_submission(
                path, institution, options["period"], options["layout"], mapping,
                options["strict"], progress=lambda done: bar.update(done - bar.n),
                encoding=options["encoding"], level=options["level"],
            )
        for r in submission.rejections[:SHOWN_REJECTIONS]:
            self.stderr.write(_("row %(row)s, column %(column)s: %(message)s")
                              % {"row": r["row"], "column": r["column"],
                                 "message": rejection_message(r)})
        if submission.rows_rejected > SHOWN_REJECTIONS:
            self.stderr.write(_("… and more; the whole report is in the admin (submission %(id)s)")
                              % {"id": submission.pk})
        if submission.status == Submission.Status.REJECTED:
            raise UserError(path, ngettext_noop(
                "%(bad)s bad row; with --strict nothing was imported.",
                "%(bad)s bad rows; with --strict nothing was imported.", "bad",
            ), {"bad": submission.rows_rejected})
        return import_summary(submission)

