"""Giving the units of a new level or generation the partners' aggregate counts.

The handlers import their services when called: the services load pandas and shapely,
which every command would otherwise pay for at start-up."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from kooperacja.addresses.signals import points_located
from kooperacja.territory.models import Generation


@receiver(points_located)
def aggregate_at_new_generation(sender: Any, generation: Generation, **kwargs: Any) -> None:
    from kooperacja.indicators.services.aggregates import aggregate_generation

    aggregate_generation(generation)
