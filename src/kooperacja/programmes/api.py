"""Programmes over the API: the ones the caller may see (public ones for anyone, the
others for their territory's team), each target with its value and traffic light per
period, as /programy/ shows them (docs/programmes.md)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from kooperacja import policy
from kooperacja.api_errors import errors
from kooperacja.programmes.models import Programme
from kooperacja.programmes.services.access import visible_programmes
from kooperacja.programmes.services.monitoring import periods_of, readings

router = Router(tags=["programmes"])


class ProgrammeOut(Schema):
    id: int
    name: str
    kind: str
    territory: str  # the territory unit's code
    year_from: int
    year_until: int
    public: bool


class ReadingOut(Schema):
    period: str
    value: float | None
    source: str  # "auto" (the indicator's public value), "manual" or "" (no value)
    light: str  # green, amber, red or grey


class TargetOut(Schema):
    name: str
    indicator: str | None  # the indicator's code, or None for a manual measure
    unit: str  # the unit code the value is for ("" for the territory)
    baseline_period: str
    baseline: float
    target: float
    target_year: int
    direction: str
    readings: list[ReadingOut]


class ObjectiveOut(Schema):
    title: str
    targets: list[TargetOut]


class ProgrammeDetailOut(ProgrammeOut):
    description: str
    periods: list[str]
    objectives: list[ObjectiveOut]


def _out(programme: Programme) -> dict[str, Any]:
    return {"id": programme.pk, "name": programme.name, "kind": programme.kind,
            "territory": programme.territory.code, "year_from": programme.year_from,
            "year_until": programme.year_until, "public": programme.is_public}


@router.get("", response=list[ProgrammeOut], summary="The programmes the caller may see")
@policy.public
def programmes(request: HttpRequest) -> list[dict[str, Any]]:
    return [_out(p) for p in visible_programmes(request.user)]


@router.get("/{programme_id}", response={200: ProgrammeDetailOut, **errors(404, 422)},
            summary="A programme's objectives and targets with their values and lights")
@policy.public
def programme(request: HttpRequest, programme_id: int) -> dict[str, Any]:
    """404 for a programme the caller may not see, as for one that does not exist."""
    found = get_object_or_404(visible_programmes(request.user), pk=programme_id)
    periods = periods_of(found)
    objectives = [
        {"title": objective.title, "targets": [
            {"name": t.name, "indicator": t.indicator.code if t.indicator else None,
             "unit": t.unit_code, "baseline_period": t.baseline_period,
             "baseline": t.baseline, "target": t.target, "target_year": t.target_year,
             "direction": t.direction,
             "readings": [vars(r) | {"light": str(r.light)} for r in readings(t, periods)]}
            for t in objective.targets.all()]}
        for objective in found.objectives.prefetch_related("targets__indicator",
                                                           "targets__values")]
    return _out(found) | {"description": found.description, "periods": periods,
                          "objectives": objectives}
