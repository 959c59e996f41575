"""The base of every `kooperacja` command: user errors become one translated line."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.messages import user_message


def check_output(path: Path) -> None:
    """Raise a UserError before any work when ``path`` (an ``--out`` file) cannot be written."""
    folder = path.parent
    if not folder.is_dir():
        raise UserError(None, N_("The folder %(folder)s for --out does not exist; create it or "
                                 "choose another."), {"folder": str(folder)})
    if path.is_dir():
        raise UserError(None, N_("--out %(path)s is a folder; give a file name."),
                        {"path": str(path)})
    if not os.access(folder, os.W_OK):
        raise UserError(None, N_("The folder %(folder)s for --out cannot be written to "
                                 "(permissions)."), {"folder": str(folder)})


def add_excel_option(parser: CommandParser) -> None:
    """``--excel``: a CSV ``--out`` in Polish Excel's dialect (the export writer's
    ``EXCEL``, records/services/exports.py); every command that writes a table offers it."""
    parser.add_argument(
        "--excel", action="store_true",
        help=_("write the CSV for Polish Excel: UTF-8 with BOM, ; between columns, decimal "
               "commas, tak/nie"))


class UserCommand(BaseCommand):
    """A management command whose bad input ends in one line the user can act on.

    Subclasses implement ``run`` instead of ``handle``; a ``UserError`` raised anywhere
    below becomes a ``CommandError`` in the user's language (no stack trace, exit code 1).
    Django's system checks do not run before each command (they import the web
    interface's URLs and every API module, seconds of start-up for a command that needs
    none of them); ``kooperacja check`` runs them. An ``--out`` file is checked before any
    work: its folder must exist and be writable.
    """

    requires_system_checks: list[str] = []  # type: ignore[assignment]

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any):  # type: ignore[no-untyped-def]
        # help is a lazy translation; argparse needs a plain string in the active language.
        self.help = str(self.help)
        return super().create_parser(prog_name, subcommand, **kwargs)

    def handle(self, *args: Any, **options: Any) -> str | None:
        try:
            if options.get("out"):
                check_output(Path(options["out"]))
            return self.run(*args, **options)
        except UserError as exc:
            raise CommandError(user_message(exc)) from None

    def run(self, *args: Any, **options: Any) -> str | None:
        raise NotImplementedError
