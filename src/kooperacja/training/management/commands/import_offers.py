from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kooperacja.command import UserCommand
from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.messages import user_message
from kooperacja.training.services.importing import import_offers


class Command(UserCommand):
    help = gettext_lazy(
        "Import an institution's training and activation offers from CSV/XLSX (columns: "
        "title, type, scope, starts_on, ends_on, capacity; optional id, occupation_code, "
        "address, locality, lon, lat, area, target_group, criteria separated by ';', "
        "funding, target_women, target_men). Addresses are geocoded through the register. "
        "Every row is checked first: a file with a bad row changes nothing and each bad "
        "cell is named by row and column. A row with an id imported before updates that "
        "offer."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("CSV or XLSX file"))
        parser.add_argument("--institution", required=True,
                            help=_("code of the institution that organises the offers"))

    def run(self, *args: Any, **options: Any) -> str:
        result = import_offers(options["file"], options["institution"])
        if result.errors:
            for error in result.errors:
                self.stderr.write(user_message(error.without_path()))
            raise UserError(options["file"], N_("%(count)s bad cells; nothing was imported"),
                            {"count": len(result.errors)})
        return ngettext("%(rows)d row: %(created)d added, %(updated)d updated",
                        "%(rows)d rows: %(created)d added, %(updated)d updated",
                        result.rows) % {"rows": result.rows, "created": result.created,
                                        "updated": result.updated}
