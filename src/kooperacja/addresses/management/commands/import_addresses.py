from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from tqdm import tqdm

from kooperacja.addresses.services.register import import_addresses
from kooperacja.command import UserCommand
from kooperacja.core.prg import FORMATS


class Command(UserCommand):
    help = gettext_lazy(
        "Import the address register (PRG GML model 2012 or 2021, the converted CSV, or a "
        "ZIP of them). Unchanged points keep their ids; points the file no longer lists "
        "are retired; every point is assigned to its unit at every level."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("address register file"))
        parser.add_argument("--format", choices=FORMATS, help=_("file format (detected otherwise)"))
        parser.add_argument("--crs", help=_("CRS of positions the file does not declare, e.g. EPSG:2180"))
        parser.add_argument("--skip-bad-points", action="store_true",
                            help=_("leave out points without a position or number instead of stopping"))

    def run(self, *args: Any, **options: Any) -> str:
        with tqdm(unit=_(" points"), unit_scale=True, file=sys.stderr,
                  disable=options.get("verbosity", 1) < 1) as bar:
            result = import_addresses(
                options["file"], options["format"], options["crs"], bar.update,
                skip_bad_points=options["skip_bad_points"],
            )
        done = result.register_import
        summary = _("%(file)s: %(points)d points: %(new)d new, %(changed)d changed, "
                    "%(unchanged)d unchanged, %(retired)d retired") % {
            "file": done.file_name, "points": done.points, "new": done.new,
            "changed": done.changed, "unchanged": done.unchanged, "retired": done.retired,
        }
        if result.skipped:
            summary += _("; %(skipped)d unusable points left out") % {"skipped": result.skipped}
        return summary
