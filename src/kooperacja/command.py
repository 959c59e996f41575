"""The base of every `kooperacja` command: user errors become one translated line."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from kooperacja.core.errors import UserError
from kooperacja.messages import user_message


class UserCommand(BaseCommand):
    """A management command whose bad input ends in one line the user can act on.

    Subclasses implement ``run`` instead of ``handle``; a ``UserError`` raised anywhere
    below becomes a ``CommandError`` in the user's language (no stack trace, exit code 1).
    Django's system checks do not run before each command (they import the web
    interface's URLs and every API module, seconds of start-up for a command that needs
    none of them); ``kooperacja check`` runs them.
    """

    requires_system_checks: list[str] = []  # type: ignore[assignment]

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any):  # type: ignore[no-untyped-def]
        # help is a lazy translation; argparse needs a plain string in the active language.
        self.help = str(self.help)
        return super().create_parser(prog_name, subcommand, **kwargs)

    def handle(self, *args: Any, **options: Any) -> str | None:
        try:
            return self.run(*args, **options)
        except UserError as exc:
            raise CommandError(user_message(exc)) from None

    def run(self, *args: Any, **options: Any) -> str | None:
        raise NotImplementedError
