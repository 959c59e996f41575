"""PRG address points in the GML model of 2021 (``AD_PunktAdresowy``).

A point carries its number, postcode and position, and links (``xlink:href="#id"``) to
its locality (``AD_Miejscowosc``) and, in towns, its street (``AD_UlicaPlac``). Localities
and streets are few, so they are kept; a point is emitted as soon as what it links to is
known, and held back (see ``PendingPoints``) only while it is not.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from operator import itemgetter
from typing import Any

from kooperacja.core.errors import gettext_noop as N_
from kooperacja.core.prg.chunk import Columns, Row, columns_from_rows
from kooperacja.core.prg.crs import PUWG_1992, PositionSystem
from kooperacja.core.prg.errors import PrgReadError, SkipHandler, skip_or_raise
from kooperacja.core.prg.gml import (
    Feature, Field, PendingPoints, attribute, feature_id, link, position, read_features, text,
)
from kooperacja.core.prg.sources import Source

KINDS = ("AD_PunktAdresowy", "AD_Miejscowosc", "AD_UlicaPlac")
# Elements read from the features.
FIELDS = (
    "lokalnyId", "numerPorzadkowy", "Point", "pos", "kodPocztowy", "status", "miejscowosc",
    "ulica2", "nazwa", "identyfikatorSIMC", "TERYTGminy", "nazwaPelna", "TERYTNazwa1",
    "TERYTNazwa2", "identyfikatorULIC",
)
# A point before its links are resolved: its start tag's attributes (for its gml:id, only
# read for messages), source id, number, postcode, status, x, y, crs, locality id, street id.
_Raw = tuple[bytes, str, str, str, str, float, float, str, str, str]
_RAW = ("feature", "source_id", "number", "postcode", "status", "x", "y", "crs", "locality",
        "street")
# A locality: name, SIMC, TERYT of its gmina. A street: name, ULIC.
_Locality = tuple[str, str, str]
_Street = tuple[str, str]
_NO_STREET: _Street = ("", "")


@dataclass
class _Block:
    """What a worker reads from one block of the file."""

    points: dict[str, list[Any]] = field(default_factory=dict)
    localities: dict[str, _Locality] = field(default_factory=dict)
    streets: dict[str, _Street] = field(default_factory=dict)
    bad_points: list[PrgReadError] = field(default_factory=list)


def read_blocks(source: Source, crs: str | None, on_skip: SkipHandler | None) -> Iterator[Columns]:
    """Points of a model-2021 file, with locality and street filled in from their links.

    ``crs`` applies to positions without ``srsName``; otherwise EPSG:2180 easting first.
    A point whose locality or street comes later in the file waits for it (see
    ``PendingPoints``).
    """
    default = PositionSystem(crs or PUWG_1992, northing_first=False)
    localities: dict[str, _Locality] = {}
    streets: dict[str, _Street] = {}
    pending = PendingPoints(lambda raw: _resolve(raw, localities, streets))
    extract = partial(_extract, default=default, source=source.name)
    for block in read_features(source, KINDS, FIELDS, extract):
        for error in block.bad_points:
            skip_or_raise(error, on_skip)
        localities.update(block.localities)
        streets.update(block.streets)
        columns, waiting = _resolve_all(block.points, localities, streets)
        yield columns
        released = [row for raw in waiting for row in pending.add(raw)]
        if released:
            yield columns_from_rows(released)
    rows = []
    for raw in pending.drain():
        row = _resolve(raw, localities, streets)
        if row is None:
            skip_or_raise(_dangling(raw, localities, source), on_skip)
        else:
            rows.append(row)
    yield columns_from_rows(rows)


def _extract(features: Iterable[Feature], default: PositionSystem, source: str) -> _Block:
    """Points, bad points, localities and streets of ``features`` (in a worker process)."""
    block = _Block()
    points: list[_Raw] = []
    for kind, head, values, _ in features:
        if kind == "AD_PunktAdresowy":
            try:
                points.append(_point(head, values, default, source))
            except PrgReadError as error:
                block.bad_points.append(error)
        elif kind == "AD_Miejscowosc":
            block.localities[feature_id(head)] = (
                text(values, b"nazwa"), text(values, b"identyfikatorSIMC"),
                text(values, b"TERYTGminy"),
            )
        else:
            block.streets[feature_id(head)] = (
                _street_name(values), text(values, b"identyfikatorULIC"),
            )
    # Columns cross between processes faster than tuples.
    block.points = dict(zip(_RAW, map(list, zip(*points)))) if points else {n: [] for n in _RAW}
    return block


def _resolve_all(
    points: dict[str, list[Any]], localities: dict[str, _Locality], streets: dict[str, _Street],
) -> tuple[Columns, list[_Raw]]:
    """The points whose links are known, as columns, and the others."""
    found = [localities.get(ref) for ref in points["locality"]]
    on = [streets.get(ref) if ref else _NO_STREET for ref in points["street"]]
    waiting: list[_Raw] = []
    if None in found or None in on:
        keep = [i for i, (a, b) in enumerate(zip(found, on)) if a is not None and b is not None]
        waiting = [raw for raw, a, b in zip(zip(*points.values()), found, on)
                   if a is None or b is None]
        points = {name: [values[i] for i in keep] for name, values in points.items()}
        found = [found[i] for i in keep]
        on = [on[i] for i in keep]
    count = len(found)
    columns: Columns = {
        "source_id": points["source_id"],
        "teryt_gmina": list(map(itemgetter(2), found)),
        "locality": list(map(itemgetter(0), found)),
        "simc": list(map(itemgetter(1), found)),
        "locality_part": [""] * count,
        "street": list(map(itemgetter(0), on)),
        "ulic": list(map(itemgetter(1), on)),
        **{name: points[name] for name in ("number", "postcode", "status", "x", "y", "crs")},
    }
    return columns, waiting


def _link(values: dict[bytes, Field], name: bytes) -> str:
    return link(attribute(values[name][1], "href")) if name in values else ""


def _point(
    head: bytes, values: dict[bytes, Field], default: PositionSystem, source: str
) -> _Raw:
    source_id = text(values, b"lokalnyId")
    number = text(values, b"numerPorzadkowy")
    locality = _link(values, b"miejscowosc")
    problem = None
    if b"pos" not in values:
        problem = N_("the point has no position (georeferencja); the register entry is incomplete")
    elif not source_id:
        problem = N_("the point has no lokalnyId, so it cannot be kept under a stable id")
    elif not number:
        problem = N_("the point has no numerPorzadkowy (building number)")
    elif not locality:
        problem = N_("the point links to no locality (miejscowosc)")
    if problem is not None:
        raise PrgReadError(source, problem, feature=feature_id(head))
    x, y, crs = position(values, default, source, head)
    return (head, source_id, number, text(values, b"kodPocztowy"),
            text(values, b"status"), x, y, crs, locality, _link(values, b"ulica2"))


def _street_name(values: dict[bytes, Field]) -> str:
    full = text(values, b"nazwaPelna")
    if full:
        return full
    parts = (text(values, b"TERYTNazwa2"), text(values, b"TERYTNazwa1"))
    return " ".join(part for part in parts if part)


def _resolve(
    raw: _Raw, localities: dict[str, _Locality], streets: dict[str, _Street]
) -> Row | None:
    _, source_id, number, postcode, status, x, y, crs, locality_id, street_id = raw
    locality = localities.get(locality_id)
    if locality is None:
        return None
    street = streets.get(street_id) if street_id else _NO_STREET
    if street is None:
        return None
    name, simc, gmina = locality
    return (source_id, gmina, name, simc, "", street[0], street[1], number, postcode, status,
            x, y, crs)


def _dangling(raw: _Raw, localities: dict[str, _Locality], source: Source) -> PrgReadError:
    feature, locality_id, street_id = feature_id(raw[0]), raw[8], raw[9]
    if locality_id not in localities:
        return PrgReadError(source.name, N_("the point links to locality %(target)s, which the "
                                            "file does not contain; the file may be incomplete"),
                            {"target": locality_id}, feature=feature)
    return PrgReadError(source.name, N_("the point links to street %(target)s, which the file "
                                        "does not contain; the file may be incomplete"),
                        {"target": street_id}, feature=feature)
