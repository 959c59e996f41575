"""The cycles over the API, for members: the cycles one sees and the grid of their data
requests (an institution sees its own rows only; docs/cycle.md)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from kooperacja import policy
from kooperacja.api_errors import errors
from kooperacja.cycles.services.status import RequestStatus, cycles_for, grid, requests_for
from kooperacja.policy import Action
from kooperacja.policy.api import check

router = Router(tags=["cycles"])


class CycleOut(Schema):
    id: int
    name: str
    territory: str
    territory_name: str
    period: str
    stage: str
    starts_on: dt.date | None
    ends_on: dt.date | None


class RequestOut(Schema):
    id: int
    cycle: int
    institution: str
    layout: str
    code_list: str
    period: str
    due_date: dt.date
    status: str  # requested, errors (received with errors), received, approved
    late: bool
    shown: str  # late or the status
    label: str  # in the reader's language
    colour: str  # green, amber, red


class CellOut(Schema):
    period: str
    shown: str
    label: str
    colour: str


class RowOut(Schema):
    institution: str
    institution_name: str
    cells: list[CellOut | None]


class GridOut(Schema):
    periods: list[str]
    rows: list[RowOut]
    requests: list[RequestOut]


def _cycle(cycle: Any) -> dict[str, Any]:
    return {"id": cycle.pk, "name": cycle.name, "territory": cycle.territory.code,
            "territory_name": cycle.territory.name, "period": cycle.period,
            "stage": cycle.stage, "starts_on": cycle.starts_on, "ends_on": cycle.ends_on}


def _request(s: RequestStatus) -> dict[str, Any]:
    r = s.request
    return {"id": r.pk, "cycle": r.cycle_id, "institution": r.institution.code,
            "layout": r.layout, "code_list": r.code_list.code if r.code_list else "",
            "period": r.period, "due_date": r.due_date, "status": s.status, "late": s.late,
            "shown": s.shown, "label": s.label, "colour": s.colour}


@router.get("/cycles", response={200: list[CycleOut], **errors(403)},
            summary="The diagnosis cycles you see")
@policy.members_api(Action.VIEW_CYCLE)
def list_cycles(request: HttpRequest) -> list[dict[str, Any]]:
    check(request, Action.VIEW_CYCLE)
    return [_cycle(c) for c in cycles_for(request.user).select_related("territory")]


@router.get("/cycles/grid", response={200: GridOut, **errors(403, 404, 422)},
            summary="Data requests by institution and period, with their status")
@policy.members_api(Action.VIEW_CYCLE)
def cycle_grid(request: HttpRequest,
               cycle: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None) -> dict[str, Any]:
    check(request, Action.VIEW_CYCLE)
    chosen = None
    if cycle is not None:
        chosen = cycles_for(request.user).filter(pk=cycle).first()
        if chosen is None:
            raise HttpError(404, gettext("There is no such cycle."))
    found = grid(requests_for(request.user, chosen))
    return {
        "periods": found.periods,
        "rows": [{"institution": institution.code, "institution_name": institution.name,
                  "cells": [None if cell is None else
                            {"period": period, "shown": cell.shown, "label": cell.label,
                             "colour": cell.colour}
                            for period, cell in zip(found.periods, cells)]}
                 for institution, cells in found.rows],
        "requests": [_request(s) for s in found.statuses],
    }
