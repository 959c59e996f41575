"""Making the public site's stored answers stale when units or population change
(territory/answers.py)."""

from __future__ import annotations

from django.db.models.signals import post_save

from kooperacja.territory.answers import inputs_changed
from kooperacja.territory.models import Population, Unit
from kooperacja.territory.signals import generation_activated, population_imported

# Imports write in bulk and send one of the signals; saves are the admin's edits.
for _model in (Unit, Population):
    post_save.connect(inputs_changed, sender=_model, dispatch_uid=f"answers_{_model.__name__}")
for _signal in (generation_activated, population_imported):
    _signal.connect(inputs_changed, dispatch_uid=f"answers_{id(_signal)}")
