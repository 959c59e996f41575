from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kooperacja.command import UserCommand
from kooperacja.training.services.retention import purge_applicants


class Command(UserCommand):
    help = gettext_lazy(
        "Delete the applicants (personal data, criteria checks, attendance) of offers that "
        "ended more than KOOPERACJA_TRAINING_RETENTION_MONTHS months ago (24 by default); "
        "the offers and their counts by sex and age stay. Schedule it daily beside "
        "enforce-retention."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true",
                            help=_("only say how many would be deleted"))

    def run(self, *args: Any, **options: Any) -> str:
        count = purge_applicants(dry_run=options["dry_run"])
        return ngettext("%(count)d applicant past retention",
                        "%(count)d applicants past retention", count) % {"count": count}
