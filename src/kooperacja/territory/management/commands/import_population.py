from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kooperacja.command import UserCommand
from kooperacja.territory.services.population import import_population


class Command(UserCommand):
    help = gettext_lazy(
        "Import population per unit and year from CSV/XLSX: columns unit_code, year, count, "
        "optional sex (K/M) and age_band. A population grid keyed by cell ids such as "
        "1kmN3260E5020 fills the cells of make-grid --crs EPSG:3035."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("CSV or XLSX file"))
        parser.add_argument("--level",
                            help=_("level of the units, when codes repeat across levels"))
        parser.add_argument("--encoding", help=_("CSV encoding (detected otherwise)"))
        parser.add_argument("--year", type=int,
                            help=_("year of every figure, for a file without a year column"))

    def run(self, *args: Any, **options: Any) -> str:
        result = import_population(options["file"], options["level"], options["encoding"],
                                   options["year"])
        return ngettext(
            "imported %(figures)d population figure (units: %(units)d, years %(years)s)",
            "imported %(figures)d population figures (units: %(units)d, years %(years)s)",
            result.figures) % {
            "figures": result.figures, "units": result.units,
            "years": ", ".join(map(str, result.years)),
        }
