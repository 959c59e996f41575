"""Keeping point-to-unit assignments in step with the territory."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from kooperacja.addresses.services.units import assign_units
from kooperacja.territory.models import Generation
from kooperacja.territory.signals import generation_activated


@receiver(generation_activated)
def assign_points_to_new_generation(sender: Any, generation: Generation, **kwargs: Any) -> None:
    assign_units([generation])
