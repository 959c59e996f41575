from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kooperacja.command import UserCommand
from kooperacja.operations.services.backup import backup


class Command(UserCommand):
    help = gettext_lazy(
        "Back up the database into a new folder, consistently while the site runs; with "
        "--key-to also the pseudonym key, to be kept apart from it (docs/security.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("dest", type=Path, help=_("a new folder for the backup"))
        parser.add_argument("--key-to", type=Path,
                            help=_("also write the pseudonym key to this new file, outside DEST"))

    def run(self, *args: Any, **options: Any) -> str:
        result = backup(options["dest"], options["key_to"])
        lines = [_("Database backed up to %(folder)s.") % {"folder": result.folder}]
        if result.key_file:
            lines.append(_("Pseudonym key written to %(file)s: keep it apart from the database "
                           "backup.") % {"file": result.key_file})
        elif result.fingerprint:
            lines.append(_("The pseudonym key (fingerprint %(fingerprint)s) was not copied: back it "
                           "up separately (--key-to).") % {"fingerprint": result.fingerprint})
        return "\n".join(lines)
