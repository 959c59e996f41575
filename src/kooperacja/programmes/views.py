"""/programy/: the territory's programmes and, for each, its objectives, actions and
targets with their values per period and traffic lights."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from kooperacja import policy
from kooperacja.policy import Action
from kooperacja.programmes.services.access import visible_programmes
from kooperacja.programmes.services.maps import area_codes, area_map
from kooperacja.programmes.services.monitoring import periods_of, readings


@policy.public
def programme_list(request: HttpRequest) -> HttpResponse:
    return render(request, "programmes/list.html", {
        "programmes": visible_programmes(request.user),
        "may_manage": policy.allows(request.user, Action.MANAGE_PROGRAMMES),
    })


@policy.public
def programme_page(request: HttpRequest, programme: int) -> HttpResponse:
    """A programme not shown to the user is "not found", like one that does not exist."""
    found = get_object_or_404(visible_programmes(request.user), pk=programme)
    periods = periods_of(found)
    objectives = []
    for objective in found.objectives.prefetch_related(
            "actions__responsible", "actions__resources", "targets__indicator",
            "targets__values"):
        targets = [(t, readings(t, periods)) for t in objective.targets.all()]
        objectives.append((objective, list(objective.actions.all()), targets,
                           area_map(objective), area_codes(objective)))
    return render(request, "programmes/programme.html", {
        "programme": found, "periods": periods, "objectives": objectives})
