"""Who may do what: role × scope (institution, territory) × action, in one table.

Every view, API handler, admin page, command and export asks this module; a role, an
action or a scope is added here and nowhere else (docs/security.md, "Roles").

It sits below every app: it imports no model, reads a user's memberships through the
``user.memberships`` relation, and filters querysets by the field names the caller gives,
so ``territory`` and ``addresses`` may use it as freely as ``web``.

The scope of a membership is its institution and a territory (the membership's own, else
its institution's; territories are named by the code of their unit, see
``territory/services/scopes.py``). A territory with the TERYT code of a powiat or a
voivodeship also covers the territories whose TERYT code starts with it: its gminas. An
installation administrator (a Django superuser) may do everything everywhere.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The role a person has in one institution (``Membership.role``)."""

    PARTNER = "partner", _("partner")
    STEWARD = "steward", _("data steward")
    ANALYST = "analyst", _("analyst")
    COORDINATOR = "coordinator", _("coordinator")
    # Stored as "administrator" since the first release; it means the institution's one.
    ADMINISTRATOR = "administrator", _("institution administrator")
    # The data-protection officer: reads the audit log, nothing else.
    DPO = "dpo", _("data-protection officer")
    # A territory's administrator (a gmina's in a region's installation): the members of
    # every institution of its territories, their teams.
    TERRITORY_ADMIN = "territory_admin", _("territory administrator")


INSTALLATION = "installation"  # the installation administrator: a superuser, not a membership


class Action(enum.StrEnum):
    UPLOAD = "upload"                          # send the institution's extracts
    VIEW_SUBMISSION = "view_submission"        # see a submission and its import report
    APPROVE_SUBMISSION = "approve_submission"  # mark a submission approved or withdrawn
    VIEW_COUNTS = "view_counts"                # counts per unit before disclosure control
    ANALYST_VIEW = "analyst_view"              # aggregates at the analyst threshold
    EDIT_RESOURCE = "edit_resource"            # keep the institution's directory entries
    VERIFY_RESOURCE = "verify_resource"        # confirm that an entry is still true
    MANAGE_MEMBERS = "manage_members"          # members and invitations of the institution
    READ_RECORDS = "read_records"              # record-level data, always audited
    CONFIGURE = "configure"                    # territory, registers, code lists, definitions
    VIEW_AUDIT = "view_audit"                  # the audit log, its viewer and CSV
    DRAFT_REPORT = "draft_report"              # generate a report, write its narrative
    PUBLISH_REPORT = "publish_report"          # accept a report for the team, publish it
    CHECK_CLIENT = "check_client"              # the check before referral (a client's PESEL)
    MANAGE_TEAMS = "manage_teams"              # teams and the partnership register (panel)
    MANAGE_OFFERS = "manage_offers"            # the institution's training and activation offers
    RECRUIT = "recruit"                        # its offers' applicants, participants, results
    VIEW_CYCLE = "view_cycle"                  # the diagnosis cycles and their data requests
    MANAGE_CYCLE = "manage_cycle"              # create cycles, request data, send reminders
    IMPORT_AGGREGATES = "import_aggregates"    # partners' counts per unit, in the wizard
    MANAGE_PROGRAMMES = "manage_programmes"    # programmes, objectives, targets (panel)


class Scope(enum.StrEnum):
    INSTITUTION = "institution"  # the institutions the person works for in that role
    TERRITORY = "territory"      # every institution's data about the person's territories


I, T = Scope.INSTITUTION, Scope.TERRITORY  # noqa: E741  # the table reads as a grid
R = Role

# The table: for each action, the roles that may take it and where.  The installation
# administrator may take every action everywhere and is not listed.
RULES: dict[Action, dict[str, Scope]] = {
    Action.UPLOAD: {R.PARTNER: I, R.STEWARD: I, R.ADMINISTRATOR: I},
    Action.VIEW_SUBMISSION: {R.PARTNER: I, R.STEWARD: I, R.ADMINISTRATOR: I},
    Action.APPROVE_SUBMISSION: {R.STEWARD: I},
    Action.VIEW_COUNTS: {R.PARTNER: I, R.STEWARD: I, R.ADMINISTRATOR: I,
                         R.ANALYST: T, R.COORDINATOR: T},
    Action.ANALYST_VIEW: {R.ANALYST: T, R.COORDINATOR: T},
    Action.EDIT_RESOURCE: {R.PARTNER: I, R.ADMINISTRATOR: I},
    Action.VERIFY_RESOURCE: {R.ADMINISTRATOR: I},
    Action.MANAGE_MEMBERS: {R.ADMINISTRATOR: I, R.TERRITORY_ADMIN: T},
    Action.READ_RECORDS: {},
    Action.CONFIGURE: {},
    Action.VIEW_AUDIT: {R.DPO: I},
    # Analysts draft the territory's reports; its coordinator accepts and publishes them.
    Action.DRAFT_REPORT: {R.ANALYST: T, R.COORDINATOR: T},
    Action.PUBLISH_REPORT: {R.COORDINATOR: T},
    # The check before referral (referrals/): the institution's case workers, not its
    # administrator, who gets the weekly count of checks instead.
    Action.CHECK_CLIENT: {R.PARTNER: I, R.STEWARD: I},
    # Teams, their members and meetings, agreements and contact persons, in the panel; a
    # team's own chair and coordinator keep its meetings on its pages (cooperation app).
    Action.MANAGE_TEAMS: {R.COORDINATOR: T, R.ADMINISTRATOR: I, R.TERRITORY_ADMIN: T},
    # Training and activation (docs/training.md): applicants are the organising institution's.
    Action.MANAGE_OFFERS: {R.PARTNER: I, R.ADMINISTRATOR: I},
    Action.RECRUIT: {R.PARTNER: I, R.STEWARD: I, R.ADMINISTRATOR: I},
    # The team sees its territory's cycles; an institution sees its own requests.
    Action.VIEW_CYCLE: {R.PARTNER: I, R.STEWARD: I, R.ADMINISTRATOR: I,
                        R.ANALYST: T, R.COORDINATOR: T, R.TERRITORY_ADMIN: T},
    Action.MANAGE_CYCLE: {R.COORDINATOR: T},
    # Whoever sends an institution's extracts may send its counts per unit too; analysts
    # for the institutions of their territories (the import wizard, issue 21).
    Action.IMPORT_AGGREGATES: {R.PARTNER: I, R.STEWARD: I, R.ADMINISTRATOR: I, R.ANALYST: T},
    # The territory's programmes and their monitoring (programmes app, docs/programmes.md).
    Action.MANAGE_PROGRAMMES: {R.COORDINATOR: T},
}

# What each role is for, beside the grid: docs/security.md shows it under the table.  A
# coordinator holds the analyst's grants over the territory of its membership, runs its
# diagnosis cycles (cycles/), keeps the teams and the partnership register, and nothing of
# the institution's own (no upload, no submissions, no directory entries, no members).
ROLE_NOTES: dict[str, str] = {
    R.PARTNER: "sends its institution's extracts, sees their reports and its own counts, "
               "keeps its directory entries",
    R.STEWARD: "as a partner for extracts, and approves or withdraws its institution's "
               "submissions",
    R.ANALYST: "aggregates at the analysts' threshold, for its territories only; drafts "
               "their diagnosis reports",
    R.COORDINATOR: "what an analyst may, and accepts and publishes its territories' "
                   "diagnosis reports, runs their diagnosis cycles (data requests, "
                   "reminders); keeps teams and the partnership register, and its "
                   "territories' programmes",
    R.ADMINISTRATOR: "its institution's members, invitations, directory entries and "
                     "submissions; teams and the partnership register",
    R.DPO: "reads and downloads the audit log, nothing else",
    R.TERRITORY_ADMIN: "the members and API tokens of every institution of its "
                       "territories (a powiat's or voivodeship's: of their gminas too), their "
                       "teams; sees their diagnosis cycles; no data",
    INSTALLATION: "everything, everywhere (a Django superuser)",
}

# Actions taken in the administration panel: whoever may take one may open it.
ADMIN_ACTIONS = (Action.EDIT_RESOURCE, Action.VERIFY_RESOURCE, Action.MANAGE_MEMBERS,
                 Action.APPROVE_SUBMISSION, Action.CONFIGURE, Action.MANAGE_TEAMS,
                 Action.MANAGE_CYCLE, Action.MANAGE_PROGRAMMES)


class Everywhere:
    """The scope of an installation administrator: contains everything."""

    def __contains__(self, item: object) -> bool:
        return True

    def __bool__(self) -> bool:
        return True


EVERYWHERE = Everywhere()


@dataclass(frozen=True)
class Grant:
    role: str
    institution_id: int
    territory: str | None  # code of the territory's root unit


@dataclass(frozen=True)
class Principal:
    """What one signed-in person holds: superuser or not, and a grant per membership."""

    installation: bool
    grants: tuple[Grant, ...]

    def institutions(self, action: Action) -> set[int] | Everywhere:
        """Institutions whose own data ``action`` may touch."""
        if self.installation:
            return EVERYWHERE
        return {g.institution_id for g in self.grants if g.role in RULES[action]}

    def territories(self, action: Action) -> set[str] | Everywhere:
        """Territories over whose data (every institution's) ``action`` may be taken."""
        if self.installation:
            return EVERYWHERE
        return {g.territory for g in self.grants
                if RULES[action].get(g.role) == Scope.TERRITORY and g.territory}

    def anywhere(self, action: Action) -> bool:
        return bool(self.institutions(action) or self.territories(action))


NOBODY = Principal(False, ())

Cover = Callable[[set[str]], dict[str, set[str]]]
_cover: list[Cover] = []


def use_territory_cover(cover: Cover) -> None:
    """Called by the territory app (its AppConfig.ready), since the policy imports no app:
    ``cover`` gives, for TERYT codes of powiats and voivodeships, the codes of the
    territories each covers."""
    _cover[:] = [cover]


def principal(user: Any) -> Principal:
    """The user's grants, read once per user object; a grant on a powiat or a voivodeship
    stands for one on each territory it covers too."""
    if user is None or not user.is_authenticated or not user.is_active:
        return NOBODY
    cached = getattr(user, "_kooperacja_principal", None)
    if cached is None:
        rows = [
            (role, institution, own or inherited, own_teryt if own else inherited_teryt)
            for role, institution, own, inherited, own_teryt, inherited_teryt
            in user.memberships.values_list(
                "role", "institution_id", "territory__code", "institution__territory__code",
                "territory__teryt", "institution__territory__teryt")
        ]
        wider = {teryt for *_, teryt in rows if teryt and len(teryt) < 7}
        covered = _cover[0](wider) if wider and _cover else {}
        grants = [Grant(role, institution, code) for role, institution, code, _ in rows]
        grants += [Grant(role, institution, inner)
                   for role, institution, _, teryt in rows
                   for inner in covered.get(teryt or "", ())]
        cached = Principal(bool(user.is_superuser), tuple(dict.fromkeys(grants)))
        user._kooperacja_principal = cached
    return cached


def allows(user: Any, action: Action, *, institution: int | None = None,
           territory: str | None = None) -> bool:
    """Whether ``user`` may take ``action`` on data of ``institution`` (an id) about
    ``territory`` (a code); with neither, whether anywhere at all."""
    who = principal(user)
    if institution is None and territory is None:
        return who.anywhere(action)
    if institution is not None and institution in who.institutions(action):
        return True
    return territory is not None and territory in who.territories(action)


def check(user: Any, action: Action, **scope: Any) -> None:
    """:func:`allows` or PermissionDenied."""
    if not allows(user, action, **scope):
        raise PermissionDenied(str(_("You may not do this.")))


def check_territory(user: Any, action: Action, code: str | None) -> None:
    """A territory a request names (a form's field, a query's parameter): PermissionDenied
    unless ``user`` may take ``action`` there, whether or not a territory of that code
    exists (every 403 is audited, records/middleware.py). No code: nothing to check."""
    if code and not allows(user, action, territory=code):
        raise PermissionDenied(str(_("This territory is not one of yours.")))


QS = TypeVar("QS", bound=QuerySet[Any])
M = TypeVar("M", bound=models.Model)


def one_in_scope(rows: QuerySet[M], user: Any, **lookup: Any) -> M:
    """The row of ``rows`` (already cut to what ``user`` may see, :func:`scoped`) that
    matches ``lookup``. Another territory's row and a missing one get the same answer,
    PermissionDenied (audited), so that nobody learns whether another territory's data
    exist; the installation administrator, from whom nothing is hidden, gets Http404."""
    found = rows.filter(**lookup).first()
    if found is None:
        if principal(user).installation:
            raise Http404(str(_("Not found.")))
        raise PermissionDenied(str(_("This is not one of your territories' data.")))
    return found


def scoped(queryset: QS, user: Any, action: Action, *, institution: str | None = None,
           territory: str | None = None) -> QS:
    """The rows of ``queryset`` on which ``user`` may take ``action``.

    ``institution`` names the lookup to the owning institution's id (``"institution_id"``,
    ``"owner_id"``, ``"pk"`` for institutions themselves), ``territory`` the lookup to the
    code of the row's territory (``"unit__territory__code"``). A row matches through
    either.
    """
    who = principal(user)
    if who.installation:
        return queryset
    condition = Q(pk__in=[])
    if institution is not None:
        condition |= Q(**{f"{institution}__in": who.institutions(action)})
    if territory is not None:
        condition |= Q(**{f"{territory}__in": who.territories(action)})
    return queryset.filter(condition)


def roles_for(action: Action) -> list[str]:
    """The membership roles that may take ``action`` (somewhere): whom to tell about it."""
    return list(RULES[action])


def roles_given_by(user: Any) -> list[str]:
    """The roles ``user`` may give to members: a territory's administrator only by whoever
    manages the members of a territory, never by an institution's own administrator."""
    wide = bool(principal(user).territories(Action.MANAGE_MEMBERS))
    return [role for role in Role.values if role != Role.TERRITORY_ADMIN or wide]


def may_use_admin(user: Any) -> bool:
    """Whether the administration panel opens for ``user`` (instead of its login page)."""
    return any(allows(user, action) for action in ADMIN_ACTIONS)


# --- the kinds of access, stacked on views (one decorator per kind) ---------------------

View = TypeVar("View", bound=Callable[..., Any])


@dataclass(frozen=True)
class Rule:
    """What a view needs: nothing (public), a login, or an action somewhere; objects
    outside the user's scope are then refused as missing ones are (:func:`one_in_scope`)."""

    action: Action | None = None
    login: bool = False
    # A public view whose parameter ``param=value`` asks for more, e.g. audience=analyst.
    raised: tuple[str, str, Action] | None = None
    # An API operation for programs: an institution's API token with ``action`` (a person's
    # session is not enough: 401).
    token: bool = False


def rule_of(view: Any) -> Rule | None:
    """The rule a view or API handler was declared with (None: undeclared)."""
    return getattr(view, "access_rule", None)


def _declare(view: View, rule: Rule) -> View:
    view.access_rule = rule  # type: ignore[attr-defined]
    return view


def public(view: View) -> View:
    """Anyone, signed in or not."""
    return _declare(view, Rule())


def public_unless(param: str, value: str, action: Action) -> Callable[[View], View]:
    """Anyone, except that asking for ``param=value`` needs ``action`` (the handler checks
    it, e.g. through :func:`kooperacja.policy.api.check`)."""
    return lambda view: _declare(view, Rule(raised=(param, value, action)))


def signed_in(view: View) -> View:
    """Anyone signed in; anonymous visitors go to the login page."""

    @wraps(view)
    def wrapper(request: Any, *args: Any, **kwargs: Any) -> Any:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return _declare(wrapper, Rule(login=True))  # type: ignore[arg-type]


def requires(action: Action) -> Callable[[View], View]:
    """Anyone who may take ``action`` somewhere; anonymous visitors go to the login page,
    others get 403."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: Any, *args: Any, **kwargs: Any) -> Any:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            check(request.user, action)
            return view(request, *args, **kwargs)

        return _declare(wrapper, Rule(action=action, login=True))  # type: ignore[arg-type]

    return decorate


def members_api(action: Action) -> Callable[[View], View]:
    """An API operation for signed-in people who may take ``action`` somewhere; the handler
    checks it (``kooperacja.policy.api.check``) and answers 403, never a redirect."""
    return lambda view: _declare(view, Rule(action=action, login=True))


def institution_token(action: Action) -> Callable[[View], View]:
    """An institution's program with its API token (kooperacja/security/tokens.py), for
    ``action`` on that institution's data only; people's sessions get 401."""
    return lambda view: _declare(view, Rule(action=action, token=True))


def roles_table() -> str:
    """The table of :data:`RULES` as Markdown, as docs/security.md shows it."""
    roles = [*Role.values, INSTALLATION]
    lines = ["| action | " + " | ".join(roles) + " |", "|---" * (len(roles) + 1) + "|"]
    for action, grants in RULES.items():
        cells = [grants[r].value if r in grants else "" for r in Role.values]
        lines.append(f"| {action.value} | " + " | ".join([*cells, "everywhere"]) + " |")
    lines += ["", "| role | actions today | what for |", "|---|---|---|"]
    for role in roles:
        actions = (["every action"] if role == INSTALLATION else
                   [a.value for a, grants in RULES.items() if role in grants])
        lines.append(f"| {role} | {', '.join(actions)} | {ROLE_NOTES[role]} |")
    return "\n".join(lines)


# Views the project does not write (Django's, django-ninja's), by URL name: all public.
FOREIGN_VIEWS: dict[str, Rule] = {
    "set_language": Rule(),
    "api-v1:openapi-json": Rule(),
    "api-v1:openapi-view": Rule(),
    "api-v1:api-root": Rule(),
}
