"""Geocoding addresses against the stored register, for every app that needs it.

The core's geocoder is built over the active points and the learnt aliases once per
process and rebuilt when an import, an alias or a new boundary generation changes what
it would answer.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from django.db import connection

from kooperacja.addresses.models import AddressPoint, RegisterImport, StreetAlias
from kooperacja.addresses.services.units import point_units
from kooperacja.core.addresses import Geocoder
from kooperacja.territory.models import Generation

_BATCH = 200_000
_LOOKUP = 5_000


@dataclass(frozen=True)
class GeocodedAddress:
    """Where one address lies: ``point_id`` is the register point's pk (None unless
    ``status == "matched"``), ``units`` maps a level code to the unit code, current
    generation."""

    status: str
    score: float
    method: str
    point_id: int | None = None
    source_id: str = ""
    lon: float | None = None
    lat: float | None = None
    units: dict[str, str] = field(default_factory=dict)


@dataclass
class LoadedRegister:
    version: tuple[object, ...]
    geocoder: Geocoder
    pks: np.ndarray
    lon: np.ndarray
    lat: np.ndarray
    # level code -> (unit code per register row, -1 for none; the codes)
    units: dict[str, tuple[np.ndarray, list[str]]]


_lock = threading.Lock()
_loaded: LoadedRegister | None = None


def register_version() -> tuple[object, ...]:
    """What the loaded geocoder depends on (the last import, the aliases, the current
    generations); a different value means reload. One query: it runs on every request
    that geocodes."""
    imports, aliases, generations = (connection.ops.quote_name(m._meta.db_table)
                                     for m in (RegisterImport, StreetAlias, Generation))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT MAX(finished_at) FROM {imports}),"
            f" (SELECT MAX(updated_at) FROM {aliases}), (SELECT COUNT(*) FROM {aliases}),"
            f" (SELECT COUNT(*) FROM {generations} WHERE is_current),"
            f" (SELECT SUM(id) FROM {generations} WHERE is_current),"
            f" (SELECT MAX(created_at) FROM {generations} WHERE is_current)")
        return tuple(cursor.fetchone())


def loaded_register() -> LoadedRegister:
    """The geocoder over the current register, loaded once per process and version."""
    global _loaded
    version = register_version()
    with _lock:
        if _loaded is None or _loaded.version != version:
            _loaded = None  # let the old one go before building the new one
            _loaded = _load(version)
        return _loaded


def _load(version: tuple[object, ...]) -> LoadedRegister:
    interned: dict[str, str] = {}
    pks: list[int] = []
    columns: list[list[str]] = [[], [], [], [], []]
    lon: list[float] = []
    lat: list[float] = []
    last = 0
    active = AddressPoint.objects.active().order_by("pk")
    while batch := list(active.filter(pk__gt=last).values_list(
        "pk", "locality", "street", "number", "simc", "postcode", "lon", "lat")[:_BATCH]):
        for pk, locality, street, number, simc, postcode, x, y in batch:
            pks.append(pk)
            # The locality is told apart by SIMC id; without one, by its name.
            for column, value in zip(columns,
                                     (locality, street, number, simc or locality, postcode)):
                column.append(interned.setdefault(value, value))
            lon.append(x)
            lat.append(y)
        last = batch[-1][0]
    from kooperacja.core.addresses import AddressIndex

    localities, streets, numbers, locality_ids, postcodes = columns
    index = AddressIndex.build(localities, streets, numbers, locality_id=locality_ids,
                               postcode=postcodes)
    for alias in StreetAlias.objects.all():
        try:
            index.add_alias(alias.alias, alias.street, alias.locality or None)
        except ValueError:
            continue  # the street left the register since the alias was learnt
    pk_array = np.array(pks, dtype=np.int64)
    return LoadedRegister(
        version, Geocoder(index), pk_array, np.array(lon), np.array(lat), _units(pk_array),
    )


def _units(pks: np.ndarray) -> dict[str, tuple[np.ndarray, list[str]]]:
    result = {}
    for generation in Generation.objects.current().select_related("level"):
        # Every point's unit: those of retired points find no row of ``pks`` below.
        rows = point_units([generation], retired=True).values_list("point_id", "unit__code")
        codes: dict[str, int] = {}
        of_row = np.full(len(pks), -1, dtype=np.int32)
        for point_id, code in rows.iterator(chunk_size=_BATCH):
            at = int(np.searchsorted(pks, point_id))
            if at < len(pks) and pks[at] == point_id:
                of_row[at] = codes.setdefault(code, len(codes))
        result[generation.level.code] = (of_row, list(codes))
    return result


def geocode(
    addresses: Sequence[object], localities: Sequence[object] | None = None
) -> list[GeocodedAddress]:
    """Match addresses as offices write them; one result per input, in order."""
    register = loaded_register()
    found = register.geocoder.geocode(list(addresses),
                                      None if localities is None else list(localities))
    matched_rows = sorted({int(r) for r in found.row.tolist() if r >= 0})
    source_ids = _source_ids([int(register.pks[r]) for r in matched_rows])
    results = []
    for status, score, method, row in zip(found.status.tolist(), found.score.tolist(),
                                          found.method.tolist(), found.row.tolist()):
        if row < 0:
            results.append(GeocodedAddress(status, round(score, 3), method))
            continue
        pk = int(register.pks[row])
        units = {level: codes[of_row[row]] for level, (of_row, codes) in register.units.items()
                 if of_row[row] >= 0}
        results.append(GeocodedAddress(
            status, round(score, 3), method, pk, source_ids.get(pk, ""),
            float(register.lon[row]), float(register.lat[row]), units,
        ))
    return results


def _source_ids(pks: list[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for start in range(0, len(pks), _LOOKUP):
        part = pks[start:start + _LOOKUP]
        found.update(AddressPoint.objects.filter(pk__in=part).values_list("pk", "source_id"))
    return found


def level_codes() -> list[str]:
    """Codes of the levels with a current generation, coarse to fine."""
    return list(Generation.objects.current().order_by("level__rank", "level__code")
                .values_list("level__code", flat=True))


def candidate_points(text: str, locality: str = "", limit: int = 20) -> list[int]:
    """Pks of register points the written address may mean: the written number on every
    street its name could be (by its keys, in the nominative, written short, or within a
    few typing errors), nearest first."""
    register = loaded_register()
    rows = register.geocoder.candidates(text, locality or None, limit=limit)
    return [int(register.pks[r]) for r in rows]
