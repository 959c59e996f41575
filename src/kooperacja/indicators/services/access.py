"""Who may see which indicator at which threshold (docs/domain.md, "Who sees what")."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.indicators.models import Indicator
from kooperacja.indicators.services.protection import Audience
from kooperacja.records.models import Membership


def is_analyst(user: Any) -> bool:
    """Analysts and administrators see aggregates at the analyst threshold."""
    return bool(user.is_authenticated and (
        user.is_superuser or Membership.objects.filter(
            user=user, role__in=[Membership.Role.ANALYST, Membership.Role.ADMINISTRATOR]
        ).exists()
    ))


def audience_for(user: Any, asked: str | None = None) -> Audience | None:
    """The audience a request gets: public unless an analyst asks for "analyst";
    None when someone else asks for it."""
    if asked in (None, "", "public"):
        return "public"
    if asked == "analyst" and is_analyst(user):
        return "analyst"
    return None


def indicators_for(audience: Audience) -> QuerySet[Indicator]:
    found = Indicator.objects.all()
    return found if audience == "analyst" else found.filter(public=True)


def get_indicator(code: str, audience: Audience | None = None) -> Indicator:
    found = Indicator.objects.all() if audience is None else indicators_for(audience)
    try:
        return found.get(code=code)
    except Indicator.DoesNotExist:
        raise UserError(None, N_("There is no indicator %(code)s; list them with the API "
                                 "/api/v1/indicators or in the admin."), {"code": code}) from None
