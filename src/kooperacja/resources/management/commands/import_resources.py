from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from tqdm import tqdm

from kooperacja.command import UserCommand
from kooperacja.resources.services.importing import import_resources

# Files shorter than this finish before a progress bar would tell anything.
BAR_FROM_BYTES = 200_000


class Command(UserCommand):
    help = gettext_lazy(
        "Import resources (facilities, services) from CSV/XLSX with addresses, geocoded "
        "through the register, or from a point file (GeoPackage, Shapefile, GeoJSON) in any "
        "CRS. A kind column in the file wins over --type, which is then the default. "
        "Importing a file again updates its entries: by id when the file's ids are all "
        "given and unique, otherwise by name within 10 m; two rows never become one entry."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("CSV, XLSX, GeoPackage, Shapefile or GeoJSON file"))
        parser.add_argument("--type", dest="kind",
                            help=_("kind of resource (e.g. shelter); required without a kind "
                                   "column"))
        parser.add_argument("--name-field", help=_("column with the name (default: name or nazwa)"))
        parser.add_argument("--crs",
                            help=_("CRS of a point file that declares none, e.g. EPSG:2180"))
        parser.add_argument("--layer", help=_("layer of a multi-layer file"))
        parser.add_argument("--owner", help=_("code of the institution that keeps these entries"))

    def run(self, *args: Any, **options: Any) -> str:
        path = Path(options["file"])
        small = not path.exists() or path.stat().st_size < BAR_FROM_BYTES
        quiet = small or options.get("verbosity", 1) < 1
        with tqdm(unit=_(" resources"), file=sys.stderr, disable=quiet) as bar:
            result = import_resources(
                options["file"], kind=options["kind"], name_field=options["name_field"],
                crs=options["crs"], layer=options["layer"], owner=options["owner"],
                progress=bar.update,
            )
        if result.ids is not None:
            self.stderr.write(_(result.ids.message) % result.ids.params)
        for rejected in result.rejected:
            message = _(rejected.reason)
            message = message % rejected.params if rejected.params else message
            if rejected.column:
                self.stderr.write(_("row %(row)s, column %(column)s: %(message)s") % {
                    "row": rejected.row, "column": rejected.column, "message": message})
            else:
                self.stderr.write(_("row %(row)d: %(message)s") % {"row": rejected.row,
                                                                    "message": message})
        return result.summary()
