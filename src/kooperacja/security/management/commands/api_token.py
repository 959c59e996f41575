from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kooperacja.command import UserCommand
from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.records.services.institutions import get_institution
from kooperacja.security.models import ApiToken
from kooperacja.security.tokens import issue_token, revoke_token


class Command(UserCommand):
    help = gettext_lazy("Issue, list or revoke an institution's API tokens for automated uploads.")

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        issue = actions.add_parser("issue", help=_("issue a token; it is printed once"))
        issue.add_argument("--institution", required=True, help=_("institution code"))
        issue.add_argument("--name", required=True, help=_("what the token is for"))
        listing = actions.add_parser("list", help=_("list tokens (never their secrets)"))
        listing.add_argument("--institution", help=_("institution code"))
        revoke = actions.add_parser("revoke", help=_("revoke a token at once"))
        revoke.add_argument("prefix", help=_("the token's beginning, as `list` shows it"))

    def run(self, *args: Any, **options: Any) -> str | None:
        action = options["action"]
        if action == "issue":
            _token, secret = issue_token(get_institution(options["institution"]), options["name"])
            return secret
        if action == "list":
            tokens = ApiToken.objects.select_related("institution")
            if options["institution"]:
                tokens = tokens.filter(institution=get_institution(options["institution"]))
            for token in tokens:
                state = _("revoked") if token.revoked_at else _("active")
                self.stdout.write(f"{token.prefix}\t{token.institution.code}\t{token.name}\t{state}")
            return None
        found = ApiToken.objects.filter(prefix=options["prefix"], revoked_at__isnull=True)
        if found.count() != 1:
            raise UserError(None, N_("No active token begins with %(prefix)s; see api-token list."),
                            {"prefix": options["prefix"]})
        revoke_token(found.get())
        return _("Token %(prefix)s revoked.") % {"prefix": options["prefix"]}

