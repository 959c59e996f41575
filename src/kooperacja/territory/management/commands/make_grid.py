from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kooperacja.command import UserCommand
from kooperacja.core.grid import GRID_CRS
from kooperacja.territory.services.grid import make_grid


class Command(UserCommand):
    help = gettext_lazy(
        "Create a regular grid level (250 m or 1 km cells) clipped to a territory."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--territory", required=True, help=_("code of the city or gmina"))
        parser.add_argument("--size", type=int, choices=(250, 1000), default=1000,
                            help=_("cell size in metres (default 1000)"))
        parser.add_argument("--crs", choices=GRID_CRS, default="EPSG:3035",
                            help=_("grid CRS (default EPSG:3035, as the Statistics Poland grid)"))

    def run(self, *args: Any, **options: Any) -> str:
        result = make_grid(options["territory"], options["size"], options["crs"])
        return ngettext("%(level)s: %(count)d cell%(state)s", "%(level)s: %(count)d cells%(state)s",
                        result.units) % {
            "level": result.level.code, "count": result.units,
            "state": "" if result.created else _(" (unchanged)"),
        }
