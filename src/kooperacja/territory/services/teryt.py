"""Loading the TERC register and giving units their official codes and names."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from kooperacja.core.teryt import read_terc
from kooperacja.territory.models import TercUnit, Unit
from kooperacja.territory.services.scopes import assign_territories


@dataclass
class TercImport:
    entries: int
    valid_on: str
    units_named: int


def import_teryt(path: Path | str) -> TercImport:
    """Store a TERC state (replacing the same state if loaded before) and name units by it.

    Current units whose code is a TERC code (2, 4 or 7 characters) take its official name
    and carry the code as ``teryt``, which makes each a territory of its own
    (``scopes.py``).
    """
    entries = read_terc(path)
    states = {e.valid_on for e in entries}
    with transaction.atomic():
        TercUnit.objects.filter(valid_on__in=states).delete()
        TercUnit.objects.bulk_create(
            TercUnit(code=e.code, name=e.name, kind=e.kind, valid_on=e.valid_on) for e in entries
        )
        latest = {e.code: e for e in sorted(entries, key=lambda e: e.valid_on)}
        units = [u for u in Unit.objects.current().filter(code__in=list(latest))]
        for unit in units:
            unit.teryt = unit.code
            unit.name = latest[unit.code].name
        Unit.objects.bulk_update(units, ["teryt", "name"])
        assign_territories()
    return TercImport(len(entries), max(states).isoformat(), len(units))
