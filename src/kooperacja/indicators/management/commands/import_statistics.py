from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kooperacja.command import UserCommand
from kooperacja.indicators.services.statistics import SOURCES, import_statistics


class Command(UserCommand):
    help = gettext_lazy(
        "Import public statistics per gmina from a downloaded file: a GUS BDL export "
        "(population by sex and age, registered unemployment) or a MRPiPS-03 table of social "
        "assistance by reason (docs/statistics.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("CSV or XLSX file as downloaded"))
        parser.add_argument("--source", required=True, choices=sorted(SOURCES),
                            help=_("bdl: GUS Local Data Bank; mrpips03: social assistance"))
        parser.add_argument("--variable", choices=["population", "unemployment"],
                            help=_("what a BDL file holds"))
        parser.add_argument("--year", type=int,
                            help=_("only this year's figures; for a file without a year, the "
                                   "year of every figure"))
        parser.add_argument("--encoding", help=_("CSV encoding (detected otherwise)"))
        parser.add_argument("--dry-run", action="store_true",
                            help=_("read and match the units, store nothing"))

    def run(self, *args: Any, **options: Any) -> str:
        def progress(step: str, n: int) -> None:
            text = (_("reading the file…") if step == "read" else
                    _("%(n)s values read; matching the units by TERYT and storing…") % {"n": n})
            sys.stderr.write(text + "\n")

        result = import_statistics(
            options["file"], options["source"], options["variable"], year=options["year"],
            encoding=options["encoding"], dry_run=options["dry_run"], progress=progress,
        )
        what = {"population": _("population by sex and age"),
                "unemployment": _("registered unemployment"),
                "beneficiaries": _("social assistance beneficiaries (MRPiPS-03)")}
        lines = [
            (_("Dry run, nothing stored: %(variable)s") if result.dry_run
             else _("Imported: %(variable)s")) % {"variable": what[result.variable]},
            _("units matched: %(n)s, figures: %(figures)s, years: %(years)s") % {
                "n": result.units, "figures": result.figures,
                "years": ", ".join(map(str, result.years))},
            _("values marked as no data or confidential (stored as missing): %(n)s") % {
                "n": result.missing},
            _("rows of units this installation does not hold: %(rows)s (units: %(units)s)") % {
                "rows": result.not_held, "units": result.not_held_units},
        ]
        if result.parts:
            lines.append(_("rows of a town or rural area of an urban-rural gmina (the gmina's "
                           "own row is read): %(n)s") % {"n": result.parts})
        if result.coarser:
            lines.append(_("rows of coarser units, summed from their gminas instead: %(n)s")
                         % {"n": result.coarser})
        if result.not_teryt:
            lines.append(_("rows without a TERYT code (country, regions, totals): %(n)s")
                         % {"n": result.not_teryt})
        return "\n".join(lines)
