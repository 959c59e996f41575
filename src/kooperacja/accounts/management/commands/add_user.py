from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kooperacja.accounts.services import ROLES, add_member, set_password_path
from kooperacja.command import UserCommand
from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.records.models import Institution
from kooperacja.territory.models import Unit


class Command(UserCommand):
    help = gettext_lazy("add a person to an institution in a role and print a one-time link "
                        "to set the password (docs/security.md)")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help=_("e-mail address; the person signs in with it"))
        parser.add_argument("--institution", help=_("institution code (add-institution)"))
        parser.add_argument("--role", required=True, choices=ROLES,
                            help=_("partner, steward, analyst, coordinator, administrator (of "
                                   "the institution) or installation (administrator of this "
                                   "installation)"))
        parser.add_argument("--territory", help=_("unit code of an analyst's territory, when "
                                                  "not the institution's"))
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help=_("read the password from standard input instead of printing a link"),
        )
        parser.add_argument("--site-url", default="http://127.0.0.1:8000",
                            help=_("address of the site, for the printed link"))

    def run(self, *args: Any, **options: Any) -> str:
        institution = territory = None
        if options["institution"]:
            institution = Institution.objects.filter(code=options["institution"]).first()
            if institution is None:
                raise UserError(None, N_("There is no institution %(code)s; add it with "
                                         "add-institution."), {"code": options["institution"]})
        if options["territory"]:
            territory = Unit.objects.current().filter(code=options["territory"]).first()
            if territory is None:
                raise UserError(None, N_("There is no current unit %(code)s."),
                                {"code": options["territory"]})
        password = None
        if options["password_stdin"]:
            password = sys.stdin.readline().rstrip("\n")
            if not password:
                raise UserError(None, N_("No password on standard input."))
        added = add_member(options["email"], options["role"], institution, territory, password)
        if password is None:
            self.stdout.write(_("Link to set the password (works once, for three days):"))
            self.stdout.write(options["site_url"].rstrip("/") + set_password_path(added.user))
        return (_("%(email)s added as %(role)s.") if added.created
                else _("%(email)s now has the role %(role)s.")) % {
            "email": added.user.email, "role": options["role"]}
