"""A data request's status, derived from the institution's submissions, for a whole grid
at once (one query for the requests, one for their submissions; never one per cell).

- ``requested``: nothing sent for the request's institution, period and layout;
- ``errors`` (received with errors): the submission in use has rejected rows, or the last
  one sent was rejected or failed and none is in use;
- ``received``: a submission is in use (imported), not yet approved;
- ``approved``: the institution's data steward approved the submission in use.

A request is ``late`` when its due date has passed and nothing was received. The grid's
colours: green for received or approved, amber for requested (not yet due) or received with
errors, red for late; each cell also says it in words (docs/cycle.md).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kooperacja import policy
from kooperacja.core.submissions.layouts import LAYOUTS
from kooperacja.cycles.models import Cycle, DataRequest
from kooperacja.records.models import Submission

REQUESTED, ERRORS, RECEIVED, APPROVED, LATE = (
    "requested", "errors", "received", "approved", "late")
LABELS = {
    REQUESTED: _("requested"),
    ERRORS: _("received with errors"),
    RECEIVED: _("received"),
    APPROVED: _("approved"),
    LATE: _("late"),
}
GREEN, AMBER, RED = "green", "amber", "red"
COLOURS = {REQUESTED: AMBER, ERRORS: AMBER, RECEIVED: GREEN, APPROVED: GREEN, LATE: RED}
# The worse of two statuses names a cell holding several requests.
_WORST_FIRST = (LATE, REQUESTED, ERRORS, RECEIVED, APPROVED)
LEGEND = [(s, LABELS[s], COLOURS[s]) for s in (APPROVED, RECEIVED, ERRORS, REQUESTED, LATE)]


@dataclass(frozen=True)
class RequestStatus:
    request: DataRequest
    status: str  # REQUESTED, ERRORS, RECEIVED or APPROVED
    late: bool
    submission_id: int | None  # the submission in use, or the last one sent

    @property
    def shown(self) -> str:
        """What the grid shows: LATE or the status."""
        return LATE if self.late else self.status

    @property
    def label(self) -> str:
        return str(LABELS[self.shown])

    @property
    def colour(self) -> str:
        return COLOURS[self.shown]


def layouts_of(request: DataRequest) -> set[str]:
    """The layouts a submission may have to answer ``request``: its layout; for a code
    list, the layouts with a field of that list and those of counts per unit (whose code
    list is given row by row); any layout when it names neither."""
    if request.layout:
        return {request.layout}
    if request.code_list is not None:
        code = request.code_list.code
        return {name for name, layout in LAYOUTS.items()
                if layout.per_unit or any(f.code_list == code for f in layout.fields)}
    return set(LAYOUTS)


def _derive(rows: list[dict[str, Any]]) -> tuple[str, int | None]:
    """The status from one request's submissions (newest first)."""
    active = [r for r in rows if r["status"] == Submission.Status.ACTIVE]
    if active:
        used = active[0]
        if used["review"] == Submission.Review.APPROVED:
            return APPROVED, used["id"]
        if used["rows_rejected"]:
            return ERRORS, used["id"]
        return RECEIVED, used["id"]
    failed = [r for r in rows if r["status"] in (Submission.Status.REJECTED,
                                                 Submission.Status.FAILED)]
    if failed:
        return ERRORS, failed[0]["id"]
    return REQUESTED, None


def statuses(requests: Iterable[DataRequest], today: dt.date | None = None) -> list[RequestStatus]:
    """The status of each request, from one query for all their submissions."""
    requests = list(requests)
    today = today or timezone.localdate()
    if not requests:
        return []
    found = (Submission.objects.finished()
             .exclude(status=Submission.Status.REPLACED)
             .filter(institution_id__in={r.institution_id for r in requests},
                     period__in={r.period for r in requests})
             .order_by("-created_at", "-id")
             .values("id", "institution_id", "period", "layout", "status", "review",
                     "rows_rejected"))
    sent: dict[tuple[int, str], list[dict[str, Any]]] = defaultdict(list)
    for row in found:
        sent[(row["institution_id"], row["period"])].append(dict(row))
    out = []
    for request in requests:
        wanted = layouts_of(request)
        rows = [r for r in sent.get((request.institution_id, request.period), [])
                if r["layout"] in wanted]
        status, submission = _derive(rows)
        late = status == REQUESTED and request.due_date < today
        out.append(RequestStatus(request, status, late, submission))
    return out


@dataclass
class Cell:
    statuses: list[RequestStatus] = field(default_factory=list)

    @property
    def shown(self) -> str:
        present = {s.shown for s in self.statuses}
        return next(s for s in _WORST_FIRST if s in present)

    @property
    def label(self) -> str:
        return str(LABELS[self.shown])

    @property
    def colour(self) -> str:
        return COLOURS[self.shown]


@dataclass
class Grid:
    """Institutions × periods; ``rows`` are (institution, cells in the order of
    ``periods``, None where nothing was asked)."""

    periods: list[str]
    rows: list[tuple[Any, list[Cell | None]]]
    statuses: list[RequestStatus]

    def counts(self) -> dict[str, int]:
        found: dict[str, int] = defaultdict(int)
        for status in self.statuses:
            found[status.shown] += 1
        return dict(found)


def grid(requests: Iterable[DataRequest], today: dt.date | None = None) -> Grid:
    """The grid of ``requests``' statuses (their institutions × their periods)."""
    found = statuses(requests, today)
    periods = sorted({s.request.period for s in found})
    by_institution: dict[int, dict[str, Cell]] = defaultdict(dict)
    institutions = {}
    for status in found:
        institutions[status.request.institution_id] = status.request.institution
        by_institution[status.request.institution_id].setdefault(
            status.request.period, Cell()).statuses.append(status)
    rows = [(institutions[pk], [by_institution[pk].get(p) for p in periods])
            for pk in sorted(institutions, key=lambda pk: institutions[pk].name)]
    return Grid(periods, rows, found)


def cycles_for(user: Any) -> QuerySet[Cycle]:
    """The cycles ``user`` sees: its territories' (the team), or those asking its
    institutions for data."""
    who = policy.principal(user)
    if who.installation:
        return Cycle.objects.all()
    territories = who.territories(policy.Action.VIEW_CYCLE)
    institutions = who.institutions(policy.Action.VIEW_CYCLE)
    return Cycle.objects.filter(
        Q(territory__code__in=territories) | Q(requests__institution_id__in=institutions)
    ).distinct()


def requests_for(user: Any, cycle: Cycle | None = None) -> QuerySet[DataRequest]:
    """The requests ``user`` sees (of one cycle if given): all of its territories'
    cycles, its own institutions' rows of the others."""
    found = DataRequest.objects.select_related("institution", "code_list", "cycle")
    if cycle is not None:
        found = found.filter(cycle=cycle)
    return policy.scoped(found, user, policy.Action.VIEW_CYCLE, institution="institution_id",
                         territory="cycle__territory__code")


def manages(user: Any, cycle: Cycle) -> bool:
    return policy.allows(user, policy.Action.MANAGE_CYCLE, territory=cycle.territory.code)
