"""Signals other apps listen to when territory data changes."""

from __future__ import annotations

from django.dispatch import Signal

# Sent with ``generation=`` inside the transaction that stores a new current generation of
# a level, so whatever is keyed by units (address points) can follow in the same commit.
generation_activated = Signal()

# Sent inside the transaction that stores imported population figures, so estimates drawn
# from them (population of grid cells) follow in the same commit.
population_imported = Signal()
