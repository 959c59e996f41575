from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kooperacja.command import UserCommand
from kooperacja.operations.services.retention import enforce_retention
from kooperacja.operations.services.uploads import sweep_uploads


class Command(UserCommand):
    help = gettext_lazy(
        "Delete the submissions kept longer than their institution's retention period, expired "
        "review entries and leftover uploads; run it daily (docs/operations.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true",
                            help=_("only say how many submissions would be deleted"))

    def run(self, *args: Any, **options: Any) -> str:
        result = enforce_retention(dry_run=options["dry_run"])
        if options["dry_run"]:
            return ngettext("%(count)d submission is past its retention period",
                            "%(count)d submissions are past their retention period",
                            result.submissions) % {"count": result.submissions}
        files = sweep_uploads()
        return "; ".join([
            ngettext("deleted %(count)d submission past its retention period",
                     "deleted %(count)d submissions past their retention period",
                     result.submissions) % {"count": result.submissions},
            ngettext("%(count)d expired review entry", "%(count)d expired review entries",
                     result.review_entries) % {"count": result.review_entries},
            ngettext("%(count)d leftover upload", "%(count)d leftover uploads", files) % {"count": files},
        ])
