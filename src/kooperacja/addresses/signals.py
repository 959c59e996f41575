"""Signals other apps listen to when the address register changes."""

from __future__ import annotations

from django.dispatch import Signal

# Sent with ``generation=`` inside the transaction that activates a new generation, once
# every address point carries its unit of that generation: what is counted per unit
# through the points (counts, partners' aggregates) can follow in the same commit.
points_located = Signal()
