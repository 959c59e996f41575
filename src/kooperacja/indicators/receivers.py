"""Giving the units of a new level or generation the partners' aggregate counts."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from kooperacja.addresses.signals import points_located
from kooperacja.indicators.services.aggregates import aggregate_generation
from kooperacja.territory.models import Generation


@receiver(points_located)
def aggregate_at_new_generation(sender: Any, generation: Generation, **kwargs: Any) -> None:
    aggregate_generation(generation)
