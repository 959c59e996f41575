"""Keeping point-to-unit assignments, and the population estimates drawn from them, in
step with the territory.

The handlers import their services when called: the services load pandas and shapely,
which every command would otherwise pay for at start-up."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from kooperacja.addresses.signals import points_located
from kooperacja.territory.models import Generation
from kooperacja.territory.signals import generation_activated, population_imported


@receiver(generation_activated)
def assign_points_to_new_generation(sender: Any, generation: Generation, **kwargs: Any) -> None:
    from kooperacja.addresses.services.dasymetric import estimate_population
    from kooperacja.addresses.services.units import assign_units

    assign_units([generation])
    estimate_population()
    points_located.send(sender=Generation, generation=generation)


@receiver(population_imported)
def estimate_population_again(sender: Any, **kwargs: Any) -> None:
    from kooperacja.addresses.services.dasymetric import estimate_population

    estimate_population()
