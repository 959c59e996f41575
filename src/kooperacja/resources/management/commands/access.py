from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kooperacja.command import UserCommand, add_excel_option
from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.records.services.exports import Export, write_export
from kooperacja.resources.services.accessibility import DEFAULT_DISTANCE_M, measure_access

RESOURCE_COLUMNS = ["resource_id", "name", "lon", "lat", "demand", "capacity", "demand_in_reach",
                    "capacity_per_1000"]
UNIT_COLUMNS = ["unit_code", "distance_m", "within", "access_2sfca", "gap", "unit_name",
                "residents", "walking_m", "need", "z_need", "z_access", "high_need_low_access"]


class Command(UserCommand):
    help = gettext_lazy(
        "Accessibility of one kind of resource: demand (residents, weighted points or an "
        "indicator's cases) allocated to each nearest resource and the two-step floating "
        "catchment (2SFCA); with --level, distance, count within reach, 2SFCA and the gap "
        "between need and access per unit in FILE_units.csv."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--resource-type", required=True,
                            help=_("kind of resource, e.g. shelter"))
        demand = parser.add_mutually_exclusive_group(required=True)
        demand.add_argument("--demand-population", action="store_true",
                            help=_("the residents of the units of --level are the demand"))
        demand.add_argument("--demand-points", metavar="FILE",
                            help=_("point file (GeoPackage, Shapefile, GeoJSON) of the demand"))
        demand.add_argument("--demand-indicator", metavar="ID",
                            help=_("an indicator's cases per unit of --level in --period are the "
                                   "demand, its rate the need"))
        parser.add_argument("--demand-weight", metavar="FIELD",
                            help=_("field of --demand-points with each point's demand (1 if none)"))
        parser.add_argument("--crs", help=_("CRS of --demand-points when it declares none"))
        parser.add_argument("--level", help=_("unit level for the per-unit file, e.g. estate"))
        parser.add_argument("--period", help=_("period of --demand-indicator, e.g. 2025"))
        parser.add_argument("--distance", type=float, default=DEFAULT_DISTANCE_M, metavar="M",
                            help=_("reach in straight-line metres (default 1000)"))
        parser.add_argument("--out", required=True,
                            help=_("CSV file to write, one row per resource"))
        add_excel_option(parser)

    def run(self, *args: Any, **options: Any) -> str:
        if options["demand_indicator"] and not (options["level"] and options["period"]):
            raise UserError(None, N_("--demand-indicator needs --level and --period (e.g. --level "
                                     "district --period 2025)"))
        if options["demand_population"] and not options["level"]:
            raise UserError(None, N_("--demand-population needs --level (e.g. --level estate)"))
        if options["distance"] <= 0:
            raise UserError(None, N_("--distance must be more than 0 metres"))
        result = measure_access(
            options["resource_type"], options["distance"], level=options["level"],
            demand_points=options["demand_points"], demand_weight=options["demand_weight"],
            crs=options["crs"], demand_indicator=options["demand_indicator"],
            period=options["period"],
        )
        out = Path(options["out"])
        detail = {k: options[k] for k in ("resource_type", "level", "period", "demand_indicator",
                                          "distance") if options.get(k) is not None}
        write_export(out, Export("access", RESOURCE_COLUMNS, result.resources, provenance=detail,
                                 detail=detail), formats=(".csv", ".xlsx"), excel=options["excel"])
        summary = ngettext("%(resources)d resource, demand %(demand).0f; written to %(out)s",
                           "%(resources)d resources, demand %(demand).0f; written to %(out)s",
                           len(result.resources)) % {
            "resources": len(result.resources), "demand": result.demand_total, "out": out}
        if result.units:
            units_out = out.with_name(f"{out.stem}_units{out.suffix or '.csv'}")
            write_export(units_out, Export("access", UNIT_COLUMNS, result.units,
                                           provenance=detail, detail=detail),
                         formats=(".csv", ".xlsx"), excel=options["excel"])
            flagged = sum(1 for row in result.units if row["high_need_low_access"])
            summary += ngettext(
                "; %(units)d unit (high need, low access: %(flagged)d) in %(out)s",
                "; %(units)d units (high need, low access: %(flagged)d) in %(out)s",
                len(result.units)) % {
                "units": len(result.units), "flagged": flagged, "out": units_out}
        if result.units_without_points:
            summary += _("; units with residents but no address point of the register (no "
                         "demand there): %(count)d") % {"count": result.units_without_points}
        if result.without_capacity:
            summary += ngettext("; %(count)d resource states no capacity and counts as 1",
                                "; %(count)d resources state no capacity and count as 1",
                                result.without_capacity) % {
                "count": result.without_capacity}
        return summary
