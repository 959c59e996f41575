"""The cycles' pages: the grid of who has sent what (the team sees its territories', an
institution its own row), a cycle with its requests, and the coordinator's forms."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kooperacja import policy
from kooperacja.core.errors import UserError
from kooperacja.cycles.forms import CycleForm, RequestForm, StageForm
from kooperacja.cycles.models import Cycle
from kooperacja.cycles.services import cycles as service
from kooperacja.cycles.services.status import LEGEND, cycles_for, grid, manages, requests_for
from kooperacja.messages import user_message
from kooperacja.policy import Action
from kooperacja.territory.models import Unit


def _index(request: HttpRequest, form: CycleForm | None = None) -> HttpResponse:
    cycles = cycles_for(request.user).select_related("territory")
    may_manage = policy.allows(request.user, Action.MANAGE_CYCLE)
    return render(request, "cycles/index.html", {
        "cycles": cycles, "grid": grid(requests_for(request.user)), "legend": LEGEND,
        "form": form or (CycleForm(user=request.user) if may_manage else None),
    })


@policy.requires(Action.VIEW_CYCLE)
def index(request: HttpRequest) -> HttpResponse:
    """The grid of every request the visitor sees, the cycles, and a new cycle's form."""
    return _index(request)


@policy.requires(Action.MANAGE_CYCLE)
@require_POST
def create(request: HttpRequest) -> HttpResponse:
    """A new cycle, of one of the coordinator's territories (another is refused, 403)."""
    if chosen := request.POST.get("territory"):
        unit = Unit.objects.filter(pk=chosen).values_list("territory__code", flat=True).first() \
            if chosen.isdigit() else None
        policy.check_territory(request.user, Action.MANAGE_CYCLE, unit or f"#{chosen}")
    form = CycleForm(request.POST, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            cycle = service.create_cycle(
                request.user, name=data["name"], territory=data["territory"],
                period=data["period"], starts_on=data["starts_on"], ends_on=data["ends_on"])
        except UserError as e:
            form.add_error(None, user_message(e))
        else:
            messages.success(request, _("The cycle was created. Now ask the institutions for "
                                        "their data."))
            return redirect("cycles:detail", pk=cycle.pk)
    return _index(request, form)


def _cycle(request: HttpRequest, pk: int) -> Cycle:
    return policy.one_in_scope(cycles_for(request.user).select_related("territory"),
                               request.user, pk=pk)


def _detail(request: HttpRequest, cycle: Cycle, form: RequestForm | None = None,
            stage_form: StageForm | None = None) -> HttpResponse:
    may_manage = manages(request.user, cycle)
    found = grid(requests_for(request.user, cycle))
    context: dict[str, Any] = {
        "cycle": cycle, "grid": found, "legend": LEGEND, "may_manage": may_manage,
        "statuses": sorted(found.statuses, key=lambda s: (s.request.institution.name,
                                                          s.request.period)),
        "stages": Cycle.Stage.choices,
    }
    if may_manage:
        context["form"] = form or RequestForm(cycle=cycle)
        context["stage_form"] = stage_form or StageForm(initial={"stage": cycle.stage})
    return render(request, "cycles/detail.html", context)


@policy.requires(Action.VIEW_CYCLE)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _cycle(request, pk))


@policy.requires(Action.MANAGE_CYCLE)
@require_POST
def add_request(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _cycle(request, pk)
    policy.check(request.user, Action.MANAGE_CYCLE, territory=cycle.territory.code)
    form = RequestForm(request.POST, cycle=cycle)
    if form.is_valid():
        data = form.cleaned_data
        try:
            service.request_data(
                request.user, cycle, data["institution"], due_date=data["due_date"],
                layout=data["layout"], code_list=data["code_list"], period=data["period"])
        except UserError as e:
            form.add_error(None, user_message(e))
        else:
            messages.success(request, _("%(institution)s was asked for the data.")
                             % {"institution": data["institution"].name})
            return redirect("cycles:detail", pk=cycle.pk)
    return _detail(request, cycle, form=form)


@policy.requires(Action.MANAGE_CYCLE)
@require_POST
def stage(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _cycle(request, pk)
    policy.check(request.user, Action.MANAGE_CYCLE, territory=cycle.territory.code)
    form = StageForm(request.POST)
    if form.is_valid():
        service.set_stage(request.user, cycle, form.cleaned_data["stage"])
        messages.success(request, _("The cycle moved to the stage: %(stage)s.")
                         % {"stage": cycle.get_stage_display()})
        return redirect("cycles:detail", pk=cycle.pk)
    return _detail(request, cycle, stage_form=form)
