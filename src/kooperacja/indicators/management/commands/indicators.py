from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kooperacja.command import UserCommand, add_excel_option
from kooperacja.indicators.services.audiences import AUDIENCES, get_indicator, indicators_for
from kooperacja.indicators.services.breakdown import BY, breakdown_rows, stored_breakdown
from kooperacja.indicators.services.compute import compute_indicator
from kooperacja.indicators.services.export import unit_export
from kooperacja.records.services.exports import FORMATS, output_format, write_export


class Command(UserCommand):
    help = gettext_lazy(
        # xgettext:no-python-format (argparse shows the help as it is)
        "Compute indicators for the units of a level and a period (rates, 95% intervals, "
        "smoothed rates, location quotients, change, classes) after disclosure control; "
        "write CSV, GeoJSON or GeoPackage."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--indicator", help=_("indicator id; every indicator when left out"))
        parser.add_argument("--level", required=True, help=_("level code, e.g. estate"))
        parser.add_argument("--period", required=True, help=_("period, e.g. 2025"))
        parser.add_argument("--audience", choices=AUDIENCES, default="public",
                            help=_("disclosure threshold: public 5, analyst 3"))
        parser.add_argument("--classes", choices=["quantiles", "fisher_jenks", "equal_interval"],
                            default="quantiles", help=_("class breaks for the legend"))
        parser.add_argument(
            "--out", required=True, help=_("FILE.csv, FILE.xlsx, FILE.geojson or FILE.gpkg")
        )
        add_excel_option(parser)
        parser.add_argument(
            "--by", action="append", choices=BY, default=[],
            help=_("instead of the values, the numerator's persons by sex and/or age band "
                   "after disclosure control (repeat for both)"),
        )

    def run(self, *args: Any, **options: Any) -> str:
        # A breakdown has several rows per unit: a table, not a map layer.
        formats = (".csv", ".xlsx") if options["by"] else FORMATS
        output_format(options["out"], formats)
        audience = options["audience"]
        chosen = ([get_indicator(options["indicator"])] if options["indicator"]
                  else list(indicators_for("analyst")))
        rows, meta = [], {}
        by = tuple(b for b in BY if b in options["by"])
        for indicator in chosen if by else ():
            found = stored_breakdown(indicator, options["period"], audience,
                                     level=options["level"])
            if found is None:
                continue
            for row in breakdown_rows(found, by):
                rows.append({"indicator": indicator.code, "period": options["period"]} | row)
            meta[indicator.code] = {"audience": audience, "k": found.k, "by": list(by)}
        for indicator in () if by else chosen:
            result = compute_indicator(indicator, options["period"], audience,
                                       method=options["classes"], levels=[options["level"]])
            for row in result.level(options["level"]).rows:
                rows.append({"indicator": indicator.code, "period": options["period"]} | row)
            meta[indicator.code] = result.metadata
        metadata = next(iter(meta.values())) if len(meta) == 1 else {"indicators": meta}
        write_export(
            options["out"],
            unit_export(
                "indicators",
                options["out"],
                rows,
                metadata,
                options["level"],
                {
                    "level": options["level"],
                    "period": options["period"],
                    "indicators": [i.code for i in chosen],
                    "by": list(by),
                },
            ),
            formats=formats, excel=options["excel"],
        )
        return ngettext("%(rows)s row written to %(file)s", "%(rows)s rows written to %(file)s",
                        len(rows)) % {"rows": len(rows), "file": options["out"]}
