"""Counting the stored submissions at the units of a new level or generation.

The handlers import their services when called: the services load pandas and shapely,
which every command would otherwise pay for at start-up."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from kooperacja.addresses.signals import points_located
from kooperacja.territory.models import Generation


@receiver(points_located)
def count_at_new_generation(sender: Any, generation: Generation, **kwargs: Any) -> None:
    from kooperacja.records.services.counts import count_generation

    count_generation(generation)
