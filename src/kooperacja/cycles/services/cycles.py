"""Creating cycles and their data requests (the page's forms and the demo call these)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.core.submissions.layouts import LAYOUTS
from kooperacja.core.submissions.periods import parse_period
from kooperacja.cycles.models import Cycle, DataRequest
from kooperacja.records.models import CodeList, Institution
from kooperacja.records.services.audit import record_event
from kooperacja.territory.models import Unit


def create_cycle(
    user: Any, *, name: str, territory: Unit, period: str, stage: str = Cycle.Stage.PLAN,
    starts_on: dt.date | None = None, ends_on: dt.date | None = None, note: str = "",
) -> Cycle:
    """A new cycle of ``territory`` for ``period`` (read by the periods' one rule)."""
    label = parse_period(period).label
    if starts_on and ends_on and ends_on < starts_on:
        raise UserError(None, N_("The cycle ends before it starts."))
    with transaction.atomic():
        cycle = Cycle.objects.create(
            name=name, territory=territory, period=label, stage=stage, starts_on=starts_on,
            ends_on=ends_on, note=note,
            created_by=user if getattr(user, "is_authenticated", False) else None)
        record_event(user, "create", cycle, {"territory": territory.code, "period": label},
                     actor=None if getattr(user, "is_authenticated", False) else "system")
    return cycle


def request_data(
    user: Any, cycle: Cycle, institution: Institution, *, due_date: dt.date,
    layout: str = "", code_list: CodeList | None = None, period: str = "", note: str = "",
) -> DataRequest:
    """Ask ``institution`` for ``layout`` (or ``code_list``) of ``period`` (the cycle's
    when empty) by ``due_date``; asking twice for the same is refused."""
    if layout and layout not in LAYOUTS:
        raise UserError(None, N_("There is no layout %(layout)s; the layouts are: %(layouts)s."),
                        {"layout": layout, "layouts": ", ".join(LAYOUTS)})
    label = parse_period(period or cycle.period).label
    same = DataRequest.objects.filter(cycle=cycle, institution=institution, layout=layout,
                                      code_list=code_list, period=label)
    if same.exists():
        raise UserError(None, N_("%(institution)s has already been asked for this in this "
                                 "cycle."), {"institution": institution.name})
    with transaction.atomic():
        request = DataRequest.objects.create(
            cycle=cycle, institution=institution, layout=layout, code_list=code_list,
            period=label, due_date=due_date, note=note)
        record_event(user, "create", request, {
            "cycle": cycle.pk, "institution": institution.code, "layout": layout,
            "code_list": code_list.code if code_list else "", "period": label,
            "due_date": due_date.isoformat()},
            actor=None if getattr(user, "is_authenticated", False) else "system")
    return request


def set_stage(user: Any, cycle: Cycle, stage: str) -> Cycle:
    """Move the cycle to ``stage`` (any of :class:`Cycle.Stage`)."""
    if stage not in Cycle.Stage.values:
        raise UserError(None, N_("There is no stage %(stage)s."), {"stage": stage})
    cycle.stage = stage
    cycle.save(update_fields=["stage"])
    record_event(user, "change", cycle, {"stage": stage})
    return cycle
