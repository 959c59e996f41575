from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kooperacja.command import UserCommand
from kooperacja.territory.services.teryt import import_teryt


class Command(UserCommand):
    help = gettext_lazy(
        "Load the TERC register (XML or CSV from Statistics Poland) so units carry official "
        "TERYT codes and names."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("TERC file, e.g. TERC_Urzedowy_2025-11-18.xml"))

    def run(self, *args: Any, **options: Any) -> str:
        result = import_teryt(options["file"])
        return ngettext(
            "loaded %(entries)d TERC entry (state on %(date)s); units named: %(units)d",
            "loaded %(entries)d TERC entries (state on %(date)s); units named: %(units)d",
            result.entries) % {
            "entries": result.entries, "date": result.valid_on, "units": result.units_named,
        }
