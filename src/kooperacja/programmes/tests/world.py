"""A programme of territory X with two objectives tracked over 2023, 2024 and 2025, with
manual values whose lights are computed by hand in test_monitoring.py."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from kooperacja.programmes.models import Action, Objective, Programme, Target, TargetValue


def programme_world(territory: Any, *, public: bool = True) -> SimpleNamespace:
    programme = Programme.objects.create(
        name="Program wspierania rodziny", kind=Programme.Kind.FAMILY, territory=territory,
        year_from=2023, year_until=2026, is_public=public)
    first = Objective.objects.create(programme=programme, order=1, title="Mniej ubóstwa")
    second = Objective.objects.create(programme=programme, order=2,
                                      title="Praca dla długotrwale bezrobotnych")
    Action.objects.create(objective=first, title="Asystenci rodziny", budget=120000)
    # Down from 10 (2022) to 6 (2026): the path is 9 (2023), 8 (2024), 7 (2025).
    poverty = Target.objects.create(
        objective=first, measure="Odsetek rodzin w ubóstwie", baseline_period="2022",
        baseline=10.0, target=6.0, target_year=2026, direction=Target.Direction.DOWN)
    # Up from 100 (2022) to 160 (2025): the path is 120 (2023), 140 (2024), 160 (2025).
    families = Target.objects.create(
        objective=first, measure="Rodziny objęte asystą", baseline_period="2022",
        baseline=100.0, target=160.0, target_year=2025, direction=Target.Direction.UP)
    # Down from 500 (2023) to 400 (2025): the path is 500 (2023), 450 (2024), 400 (2025).
    unemployed = Target.objects.create(
        objective=second, measure="Długotrwale bezrobotni", baseline_period="2023",
        baseline=500.0, target=400.0, target_year=2025, direction=Target.Direction.DOWN,
        areas="E1,E2")
    for target, values in ((poverty, {"2023": 8.5, "2024": 8.5, "2025": 10.5}),
                           (families, {"2023": 100.0, "2024": 150.0}),
                           (unemployed, {"2023": 500.0, "2024": 470.0, "2025": 390.0})):
        for period, value in values.items():
            TargetValue.objects.create(target=target, period=period, value=value)
    return SimpleNamespace(programme=programme, first=first, second=second, poverty=poverty,
                           families=families, unemployed=unemployed)
