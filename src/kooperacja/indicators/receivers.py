"""Giving the units of a new level or generation the partners' aggregate counts, and
making stored published values stale when what they are computed from changes.

The handlers import their services when called: the services load pandas and shapely,
which every command would otherwise pay for at start-up."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from kooperacja.addresses.models import RegisterImport
from kooperacja.addresses.signals import points_located
from kooperacja.indicators.models import AggregateImport, Indicator
from kooperacja.records.models import Submission
from kooperacja.territory.models import Generation, Population, Unit
from kooperacja.territory.signals import generation_activated, population_imported


@receiver(points_located)
def aggregate_at_new_generation(sender: Any, generation: Generation, **kwargs: Any) -> None:
    from kooperacja.indicators.services.aggregates import aggregate_generation

    aggregate_generation(generation)


def inputs_changed(sender: Any, **kwargs: Any) -> None:
    """A change to what published values are computed from makes the stored ones stale
    (indicators/services/published.py), and so are the public site's answers that show
    them (territory/answers.py)."""
    from kooperacja.indicators.services.published import inputs_changed as changed
    from kooperacja.territory.answers import inputs_changed as answers_changed

    changed()
    answers_changed()


# Bulk writes send no model signal: the imports behind them save a Submission, an
# AggregateImport or a RegisterImport (whose points the population is estimated over), or
# send one of the signals below, in the same transaction. Units and
# population listen to saves only (edits in the admin): a delete signal would make
# Django fetch every row that an import deletes in bulk.
for _model in (Submission, AggregateImport, RegisterImport, Indicator, Unit, Population):
    post_save.connect(inputs_changed, sender=_model, dispatch_uid=f"published_{_model.__name__}")
for _model in (Submission, AggregateImport, Indicator):
    post_delete.connect(
        inputs_changed, sender=_model, dispatch_uid=f"published_del_{_model.__name__}"
    )
for _signal in (points_located, generation_activated, population_imported):
    _signal.connect(inputs_changed, dispatch_uid=f"published_{id(_signal)}")
