from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kooperacja.command import UserCommand
from kooperacja.territory.services.boundaries import import_units


class Command(UserCommand):
    help = gettext_lazy(
        "Import unit boundaries (GeoPackage, Shapefile, GeoJSON, GML; any CRS) as a level. "
        "An unchanged file changes nothing; changed boundaries become a new generation."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("boundary file"))
        parser.add_argument("--level", required=True, help=_("level code, e.g. district, estate"))
        parser.add_argument("--level-name", help=_("display name of the level, e.g. Dzielnice"))
        parser.add_argument("--code-field", required=True, help=_("field with the unit code"))
        parser.add_argument("--name-field", required=True, help=_("field with the unit name"))
        parser.add_argument("--parent-field", help=_("field with the parent unit's code"))
        parser.add_argument(
            "--parent-level",
            help=_("level of the parent units; alone, each unit's parent is the unit containing "
                   "it"),
        )
        parser.add_argument("--crs", help=_("CRS of a file that declares none, e.g. EPSG:2180"))
        parser.add_argument("--layer", help=_("layer to read from a multi-layer file"))
        parser.add_argument("--encoding",
                            help=_("attribute encoding, e.g. cp1250 (detected otherwise)"))
        parser.add_argument(
            "--valid-from", type=dt.date.fromisoformat,
            help=_("date the boundaries are valid from (YYYY-MM-DD; default today)"),
        )
        parser.add_argument(
            "--teryt-codes", action="store_true",
            help=_("the codes are official TERYT codes (gminas, powiats, voivodeships): each "
                   "unit becomes a territory of its own, whose analysts see only its data"))
        parser.add_argument(
            "--allow-retire", action="store_true",
            help=_("replace the level even when the file leaves out more than "
                   "KOOPERACJA_RETIRE_PERCENT (20) percent of its current units"))

    def run(self, *args: Any, **options: Any) -> str:
        result = import_units(
            options["file"], options["level"], options["code_field"], options["name_field"],
            parent_level=options["parent_level"], parent_field=options["parent_field"],
            crs=options["crs"], layer=options["layer"], encoding=options["encoding"],
            valid_from=options["valid_from"], level_name=options["level_name"],
            allow_retire=options["allow_retire"], teryt_codes=options["teryt_codes"],
        )
        for code in result.repaired:
            self.stderr.write(_("repaired an invalid geometry: %(code)s") % {"code": code})
        if not result.created:
            return ngettext(
                "%(level)s: unchanged, %(count)d unit of the generation from %(date)s",
                "%(level)s: unchanged, %(count)d units of the generation from %(date)s",
                result.units) % {
                "level": result.level.code, "count": result.units,
                "date": result.generation.valid_from.isoformat(),
            }
        return ngettext(
            "%(level)s: imported %(count)d unit as a new generation valid from %(date)s",
            "%(level)s: imported %(count)d units as a new generation valid from %(date)s",
            result.units) % {
            "level": result.level.code, "count": result.units,
            "date": result.generation.valid_from.isoformat(),
        }
