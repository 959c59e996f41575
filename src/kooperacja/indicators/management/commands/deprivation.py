from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kooperacja.command import UserCommand, add_excel_option
from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.indicators.services.audiences import AUDIENCES, get_indicator
from kooperacja.indicators.services.export import unit_export
from kooperacja.indicators.services.spatial import deprivation
from kooperacja.records.services.exports import output_format, write_export


class Command(UserCommand):
    help = gettext_lazy(
        "Combine indicators into a deprivation index (standardised, weighted) and rank the units."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--indicators", required=True, help=_("indicator ids, comma-separated"))
        parser.add_argument("--weights", help=_("one weight per indicator, e.g. 1,1,2"))
        parser.add_argument("--level", required=True, help=_("level code, e.g. estate"))
        parser.add_argument("--period", required=True, help=_("period, e.g. 2025"))
        parser.add_argument("--audience", choices=AUDIENCES, default="public")
        parser.add_argument(
            "--out", required=True, help=_("FILE.csv, FILE.xlsx, FILE.geojson or FILE.gpkg")
        )
        add_excel_option(parser)

    def run(self, *args: Any, **options: Any) -> str:
        output_format(options["out"])
        chosen = [get_indicator(code.strip()) for code in options["indicators"].split(",")
                  if code.strip()]
        weights = None
        if options["weights"]:
            try:
                weights = [float(w) for w in options["weights"].split(",")]
            except ValueError:
                raise UserError(
                    None, N_("--weights: write numbers separated by commas, e.g. 1,1,2")
                ) from None
        result = deprivation(
            chosen, options["level"], options["period"], weights, options["audience"]
        )
        write_export(
            options["out"],
            unit_export(
                "deprivation",
                options["out"],
                result.rows,
                result.metadata,
                options["level"],
                {
                    "indicators": [i.code for i in chosen],
                    "level": options["level"],
                    "period": options["period"],
                },
            ),
            excel=options["excel"],
        )
        ranked = sum(row["rank"] is not None for row in result.rows)
        return ngettext("%(ranked)s of %(units)s unit ranked; written to %(file)s",
                        "%(ranked)s of %(units)s units ranked; written to %(file)s",
                        len(result.rows)) % {
            "ranked": ranked, "units": len(result.rows), "file": options["out"]}
