from __future__ import annotations

import csv
import datetime as dt
import io
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from tqdm import tqdm

from kooperacja.command import UserCommand
from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.records.services.exports import Export, neutralise, write_export
from kooperacja.records.services.institutions import get_institution
from kooperacja.referrals.services.checks import BASES, CheckResult, check_clients

COLUMNS = ("line", "answer", "institutions", "periods")


class Command(UserCommand):
    help = gettext_lazy(
        "Check a file of PESELs (one per line) before referral: for each line, whether an "
        "institution other than --institution gave the person help of the instrument type in "
        "a period ending on or after --since. Writes CSV line,answer,institutions,periods, one "
        "row per input line in order; answer is yes, no, or invalid (a PESEL with a wrong "
        "check digit, length or date: refused); institutions and periods are aligned lists "
        "separated by ';', the most recent first. No PESEL is written, stored or logged; the "
        "check is audited."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--institution", required=True,
                            help=_("code of the asking institution (MOPS or PUP); its own help "
                                   "does not count"))
        parser.add_argument("--instrument-type", required=True,
                            help=_("training, traineeship, public_work, counselling or "
                                   "financial_support"))
        parser.add_argument("--since", help=_("YYYY-MM-DD: periods ending on or after it count "
                                              "(default: 12 months back)"))
        parser.add_argument("--pesel-file", required=True,
                            help=_("text file with one PESEL per line (UTF-8)"))
        parser.add_argument("--basis", choices=BASES, default="agreement",
                            help=_("legal basis of the check (default: agreement)"))
        parser.add_argument("--out", help=_("CSV file to write (standard output otherwise)"))

    def run(self, *args: Any, **options: Any) -> str:
        path = Path(options["pesel_file"])
        if not path.is_file():
            raise UserError(path, N_("There is no such file."))
        since = None
        if options["since"]:
            try:
                since = dt.date.fromisoformat(options["since"])
            except ValueError:
                raise UserError(None, N_("--since takes a date as YYYY-MM-DD.")) from None
        try:
            lines = path.read_text(encoding="utf-8-sig").splitlines()
        except UnicodeDecodeError:
            raise UserError(path, N_("The file is not UTF-8 text.")) from None
        institution = get_institution(options["institution"])
        with tqdm(total=len(lines), unit=_("lines"), file=sys.stderr, disable=None) as bar:
            result = check_clients(institution, options["instrument_type"], since, lines, None,
                                   options["basis"], channel="cli",
                                   progress=lambda done: bar.update(done - bar.n))
        rows = [(a.line, a.answer, ";".join(a.institutions), ";".join(a.periods))
                for a in result.answers]
        if options["out"]:
            write_export(options["out"], Export("client_checks", COLUMNS, rows, provenance={
                "institution": result.institution, "instrument_type": result.instrument_type,
                "since": result.since.isoformat()}, detail={
                "institution": result.institution, "lines": len(rows)}), formats=(".csv",))
        else:
            out = io.StringIO()
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(COLUMNS)
            writer.writerows([[neutralise(c) for c in row] for row in rows])
            self.stdout.write(out.getvalue(), ending="")
        self.stderr.write(_summary(result))
        return ""


def _summary(result: CheckResult) -> str:
    return ngettext(
        "%(lines)d line checked for %(institution)s (%(type)s since %(since)s): %(yes)d yes, "
        "%(no)d no, %(invalid)d invalid",
        "%(lines)d lines checked for %(institution)s (%(type)s since %(since)s): %(yes)d yes, "
        "%(no)d no, %(invalid)d invalid", len(result.answers)) % {
        "lines": len(result.answers), "institution": result.institution,
        "type": result.instrument_type, "since": result.since.isoformat(),
        "yes": result.count("yes"), "no": result.count("no"), "invalid": result.count("invalid")}
