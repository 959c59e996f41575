from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kooperacja.command import UserCommand
from kooperacja.records.models import Institution
from kooperacja.records.services.institutions import add_institution


class Command(UserCommand):
    help = gettext_lazy(
        "Create an institution that sends extracts (or update its name, kind, territory)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help=_("short code, e.g. mops"))
        parser.add_argument("--name", required=True, help=_("full name"))
        parser.add_argument("--kind", required=True, choices=Institution.Kind.values)
        parser.add_argument("--territory", help=_("code of the city or gmina unit it serves"))
        parser.add_argument(
            "--level", help=_("level of the units, when codes repeat across levels")
        )

    def run(self, *args: Any, **options: Any) -> str:
        institution = add_institution(
            options["code"], options["name"], options["kind"], options["territory"],
            options["level"],
        )
        return _("institution %(code)s saved") % {"code": institution.code}
