"""Who sees a team's records: its members (and the installation administrator); who keeps
them: its chair and coordinator (and the installation administrator). Everyone else gets
403, which the audit middleware records as "denied"."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from kooperacja import policy
from kooperacja.cooperation.models import Team, TeamMember
from kooperacja.records.models import Institution


def member_of(user: Any, team: Team) -> TeamMember | None:
    """The user's membership of ``team``, if any."""
    if user is None or not user.is_authenticated:
        return None
    return TeamMember.objects.filter(team=team, user=user).first()


def may_see(user: Any, team: Team) -> bool:
    return policy.principal(user).installation or member_of(user, team) is not None


def may_manage(user: Any, team: Team) -> bool:
    """Whether ``user`` keeps the team's meetings, decisions and tasks on its pages."""
    if policy.principal(user).installation:
        return True
    member = member_of(user, team)
    return member is not None and member.manages


def visible_teams(user: Any) -> QuerySet[Team]:
    """The teams (not archived) whose records ``user`` may see."""
    teams = Team.objects.active().select_related("territory")
    if policy.principal(user).installation:
        return teams
    if user is None or not user.is_authenticated:
        return teams.none()
    return teams.filter(members__user=user).distinct()


def team_for(user: Any, code: str, *, manage: bool = False) -> Team:
    """The team with ``code`` (404 when archived or unknown), or 403 for a non-member (or,
    with ``manage``, for a member who is neither its chair nor its coordinator)."""
    team = get_object_or_404(Team.objects.active(), code=code)
    allowed = may_manage(user, team) if manage else may_see(user, team)
    if not allowed:
        raise PermissionDenied(_("Only the team's members may see this."))
    return team


def kept_by(user: Any, rows: QuerySet[Any], lookup: str) -> QuerySet[Any]:
    """The ``rows`` of the territories whose teams and register ``user`` keeps (MANAGE_TEAMS):
    a coordinator's or territory administrator's own, an institution administrator's
    institution's. ``lookup`` leads from a row to the code of its unit's territory
    (``team__territory__territory__code``); a row of no unit is every keeper's."""
    who = policy.principal(user)
    territories = who.territories(policy.Action.MANAGE_TEAMS)
    institutions = who.institutions(policy.Action.MANAGE_TEAMS)
    if isinstance(territories, policy.Everywhere) or isinstance(institutions, policy.Everywhere):
        return rows
    codes = set(territories) | set(Institution.objects.filter(pk__in=institutions)
                                   .values_list("territory__territory__code", flat=True))
    if not codes:
        return rows.none()
    nowhere = {lookup.removesuffix("__code") + "__isnull": True}
    return rows.filter(Q(**{f"{lookup}__in": codes}) | Q(**nowhere)).distinct()
