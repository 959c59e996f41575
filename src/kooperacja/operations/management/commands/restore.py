from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kooperacja.command import UserCommand
from kooperacja.operations.services.backup import restore


class Command(UserCommand):
    help = gettext_lazy(
        "Restore the database from a backup folder (stop the site first), checking that the "
        "pseudonym key belongs to it; --key installs the backed-up key."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("src", type=Path, help=_("the backup folder kooperacja backup wrote"))
        parser.add_argument("--key", type=Path, help=_("the pseudonym key file backed up with it"))
        parser.add_argument("--replace", action="store_true",
                            help=_("replace the data this installation holds"))

    def run(self, *args: Any, **options: Any) -> str:
        result = restore(options["src"], options["key"], replace=options["replace"])
        message = _("Database restored from %(folder)s.") % {"folder": result.folder}
        if result.key_file:
            message += " " + _("Pseudonym key in %(file)s.") % {"file": result.key_file}
        return message
