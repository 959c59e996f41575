"""Which indicators and units an audience sees (docs/domain.md, "Who sees what"); who
belongs to the analysts' audience is the policy's (kooperacja.policy, ANALYST_VIEW).

Commands are run by whoever holds the data directory, the installation administrator,
and so choose any audience."""

from __future__ import annotations

from typing import Any, get_args

from django.db.models import QuerySet

from kooperacja import policy
from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.indicators.models import Indicator
from kooperacja.indicators.services.inputs import NOWHERE, Scope
from kooperacja.indicators.services.protection import Audience
from kooperacja.territory.models import Unit
from kooperacja.territory.services import selection

AUDIENCES: tuple[str, ...] = get_args(Audience)


def audience_for(user: Any, asked: str | None = None) -> Audience | None:
    """The audience a request gets: public unless someone the policy lets see the
    analyst view asks for "analyst"; None when someone else asks for it."""
    if asked in (None, "", "public"):
        return "public"
    if asked == "analyst" and policy.allows(user, policy.Action.ANALYST_VIEW):
        return "analyst"
    return None


def _own_units(user: Any, audience: Audience) -> QuerySet[Unit] | None:
    territories = policy.principal(user).territories(policy.Action.ANALYST_VIEW)
    if audience == "public" or isinstance(territories, policy.Everywhere):
        return None
    return Unit.objects.current().filter(territory__code__in=territories)


def analyst_scope(user: Any, audience: Audience) -> Scope:
    """The territories whose units ``user``'s figures at ``audience``'s threshold are
    computed over (inputs.Scope): the analyst's own, so that no class boundary, smoothing
    prior or rate carries another territory's counts; () for the public, for whoever sees
    every territory, and in an installation of one territory."""
    territories = policy.principal(user).territories(policy.Action.ANALYST_VIEW)
    if audience == "public" or isinstance(territories, policy.Everywhere):
        return ()
    return scope_of(territories)


def scope_of(territories: set[str]) -> Scope:
    """The scope of the territories with these codes: () when they are every territory of
    the installation, (NOWHERE,) when none (an empty scope would be every unit)."""
    every = {each["code"] for each in selection.territories()}  # kept per inputs' version
    if every <= territories:
        return ()
    return tuple(sorted(every & territories)) or (NOWHERE,)


def visible_units(user: Any, audience: Audience, level: str) -> set[str] | None:
    """Codes of the units of ``level`` whose values ``user`` may see at ``audience``'s
    threshold: an analyst's own territories only; None for every unit."""
    own = _own_units(user, audience)
    return (
        None if own is None else set(own.filter(level__code=level).values_list("code", flat=True))
    )


def sees_unit(user: Any, audience: Audience, code: str) -> bool:
    own = _own_units(user, audience)
    return own is None or own.filter(code=code).exists()


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
