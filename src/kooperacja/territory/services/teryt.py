"""Loading the TERC register and giving units their official codes and names."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
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
    (as :func:`display_names` writes it) and carry the code as ``teryt``, which makes each
    a territory of its own (``scopes.py``).
    """
    entries = read_terc(path)
    states = {e.valid_on for e in entries}
    with transaction.atomic():
        TercUnit.objects.filter(valid_on__in=states).delete()
        TercUnit.objects.bulk_create(
            TercUnit(code=e.code, name=e.name, kind=e.kind, valid_on=e.valid_on) for e in entries
        )
        latest = {e.code: e for e in sorted(entries, key=lambda e: e.valid_on)}
        names = display_names((e.code, e.name, e.kind) for e in latest.values())
        units = [u for u in Unit.objects.current().filter(code__in=list(latest))]
        for unit in units:
            unit.teryt = unit.code
            unit.name = names[unit.code]
        Unit.objects.bulk_update(units, ["teryt", "name"])
        assign_territories()
    return TercImport(len(entries), max(states).isoformat(), len(units))


def display_names(entries: Iterable[tuple[str, str, str]]) -> dict[str, str]:
    """The name a unit shows, by code, from TERC's ``(code, name, kind)`` of one state.

    TERC writes voivodeships in capitals (``LUBUSKIE``) and powiats by their adjective
    (``nowosolski``); they show as PRG names them: ``lubuskie``, ``powiat nowosolski`` (a city
    with powiat rights keeps its name). Two gminas of one powiat with one name (a town and
    the rural gmina around it, both ``Nowa Sól``) show their kind: ``Nowa Sól (gmina
    miejska)``, ``Nowa Sól (gmina wiejska)``.
    """
    rows = list(entries)
    gminas = Counter((code[:4], name) for code, name, _ in rows
                     if len(code) == 7 and code[6] in "123")
    names = {}
    for code, name, kind in rows:
        if len(code) == 2:
            names[code] = name.lower()
        elif len(code) == 4 and kind == "powiat":
            names[code] = f"powiat {name}"
        elif len(code) == 7 and code[6] in "123" and gminas[(code[:4], name)] > 1:
            names[code] = f"{name} ({kind})"
        else:
            names[code] = name
    return names
