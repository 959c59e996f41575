from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kooperacja.command import UserCommand
from kooperacja.indicators.definitions import load_indicators


class Command(UserCommand):
    help = gettext_lazy(
        "Create or update indicator definitions from a TOML file (docs/indicators.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("TOML file with [[indicator]] tables"))

    def run(self, *args: Any, **options: Any) -> str:
        created, updated = load_indicators(options["file"])
        return _("%(created)s indicators created, %(updated)s updated") % {
            "created": created, "updated": updated}
