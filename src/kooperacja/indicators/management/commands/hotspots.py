from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kooperacja.command import UserCommand, add_excel_option
from kooperacja.indicators.services.audiences import AUDIENCES, get_indicator
from kooperacja.indicators.services.export import unit_export
from kooperacja.indicators.services.spatial import hotspots
from kooperacja.records.services.exports import output_format, write_export


class Command(UserCommand):
    help = gettext_lazy(
        "Find hot spots of an indicator: Local Moran's I (LISA clusters HH, LL, HL, LH) or "
        "Getis-Ord Gi*, with permutation inference and a false-discovery-rate correction."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--indicator", required=True, help=_("indicator id"))
        parser.add_argument("--level", required=True, help=_("level code, e.g. estate"))
        parser.add_argument("--period", required=True, help=_("period, e.g. 2025"))
        parser.add_argument("--method", choices=["lisa", "gi"], default="lisa")
        parser.add_argument("--weights", choices=["queen", "rook", "knn", "distance"],
                            default="queen")
        parser.add_argument("--k", type=int, default=6, help=_("neighbours for --weights knn"))
        parser.add_argument("--permutations", type=int, default=999,
                            help=_("permutations per unit, at least 99; a map corrected for the "
                                   "false discovery rate needs about 20 per unit to be the same "
                                   "whatever the seed"))
        parser.add_argument("--seed", type=int, default=0,
                            help=_("seed of the permutations, 0 to 4294967295"))
        parser.add_argument("--smoothed", action="store_true",
                            help=_("use empirical-Bayes smoothed rates"))
        parser.add_argument("--no-fdr", action="store_true",
                            help=_("label clusters by raw p-values, without the "
                                   "false-discovery-rate correction"))
        parser.add_argument("--audience", choices=AUDIENCES, default="public")
        parser.add_argument(
            "--out", required=True, help=_("FILE.csv, FILE.xlsx, FILE.geojson or FILE.gpkg")
        )
        add_excel_option(parser)

    def run(self, *args: Any, **options: Any) -> str:
        output_format(options["out"])
        result = hotspots(
            get_indicator(options["indicator"]), options["level"], options["period"],
            options["method"], weights=options["weights"], permutations=options["permutations"],
            seed=options["seed"], smoothed=options["smoothed"], audience=options["audience"],
            k_neighbours=options["k"], fdr=not options["no_fdr"],
        )
        write_export(
            options["out"],
            unit_export(
                "hotspots",
                options["out"],
                result.rows,
                result.metadata,
                options["level"],
                {
                    "indicator": options["indicator"],
                    "level": options["level"],
                    "period": options["period"],
                },
            ),
            excel=options["excel"],
        )
        if result.islands:
            self.stderr.write(_("units without neighbours (no statistic): %(units)s")
                              % {"units": ", ".join(result.islands)})
        parameters = result.metadata["parameters"]
        if parameters.get("fdr_depends_on_seed"):
            self.stderr.write(
                ngettext("with %(permutations)s permutations the false-discovery-rate map of "
                         "%(units)s unit depends on the seed: for one that does not, use "
                         "--permutations %(needed)s (or --no-fdr)",
                         "with %(permutations)s permutations the false-discovery-rate map of "
                         "%(units)s units depends on the seed: for one that does not, use "
                         "--permutations %(needed)s (or --no-fdr)", len(result.rows))
                % {"permutations": options["permutations"], "units": len(result.rows),
                   "needed": parameters["fdr_permutations_needed"]})
        clusters = sum(row["cluster"] not in ("ns", "island", "no rate", "hidden")
                       for row in result.rows)
        return ngettext(
            "%(clusters)s of %(units)s unit in significant clusters; written to %(file)s",
            "%(clusters)s of %(units)s units in significant clusters; written to %(file)s",
            len(result.rows)) % {
            "clusters": clusters, "units": len(result.rows), "file": options["out"]}
