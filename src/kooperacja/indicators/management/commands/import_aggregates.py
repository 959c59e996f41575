from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kooperacja.command import UserCommand
from kooperacja.indicators.services.aggregates import AggregateParameters, import_aggregates


class Command(UserCommand):
    help = gettext_lazy(
        "Import counts per unit (CSV/XLSX) that a partner or a statistics office delivers, "
        "for indicators to use alongside the institutions' counts."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("CSV or XLSX file, one row per unit"))
        parser.add_argument("--unit-field", required=True, help=_("column with the unit code"))
        parser.add_argument("--period", required=True, help=_("2025, 2025-H1, 2025-Q3 or 2025-07"))
        parser.add_argument("--code-list", required=True, help=_("code list of the counts"))
        parser.add_argument("--value-field", action="append", required=True, metavar="COLUMN:CODE",
                            help=_("a column of counts and the code it counts; repeat for more"))
        parser.add_argument("--institution", help=_("code of the institution that delivered it"))
        parser.add_argument("--level", help=_("level of the units, when codes repeat across levels"))
        parser.add_argument("--encoding", help=_("CSV encoding (detected otherwise)"))

    def run(self, *args: Any, **options: Any) -> str:
        params = AggregateParameters.check(
            options["unit_field"], options["period"], options["code_list"], options["value_field"],
            options["institution"], options["level"],
        )
        source = import_aggregates(options["file"], params, options["encoding"])
        return _("%(rows)s units × %(codes)s codes imported for %(period)s (import %(id)s)") % {
            "rows": source.rows, "codes": len(params.fields), "period": source.period,
            "id": source.pk}
