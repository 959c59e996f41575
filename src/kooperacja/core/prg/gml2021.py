"""PRG address points in the GML model of 2021 (``AD_PunktAdresowy``).

A point carries its number, postcode and position, and links (``xlink:href="#id"``) to
its locality (``AD_Miejscowosc``) and, in towns, its street (``AD_UlicaPlac``). Localities
and streets are few, so they are kept; a point is emitted as soon as what it links to is
known, and held back (see ``PendingPoints``) only while it is not.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import numpy as np

from kooperacja.core.errors import gettext_noop as N_
from kooperacja.core.prg.chunk import Columns, Row, columns_from_rows
from kooperacja.core.prg.crs import PUWG_1992, PositionSystem
from kooperacja.core.prg.errors import PrgReadError, SkipHandler, skip_or_raise
from kooperacja.core.prg.gml import (
    PendingPoints,
    Table,
    feature_id,
    links,
    positions,
    read_features,
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
# A locality: name, SIMC, TERYT of its gmina. A street: name, ULIC.
_Locality = tuple[str, str, str]
_Street = tuple[str, str]
_NO_STREET: _Street = ("", "")


@dataclass
class _Block:
    """What a worker reads from one block of the file: its good points, its bad points,
    localities and streets.

    ``points`` holds the good points' source ids, numbers, postcodes, statuses, positions
    and CRS; the ids of the localities and streets they link to are ``locality_ids`` and
    ``street_ids`` ('' for none), each point's given by its index in ``locality`` and
    ``street``. The start-tag attributes of all the block's points, for messages, are in
    ``heads`` from ``head_starts`` to ``head_ends``; ``rows`` are the good points' places
    among them.
    """

    points: Columns = field(default_factory=dict)
    locality_ids: list[str] = field(default_factory=list)
    locality: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    street_ids: list[str] = field(default_factory=list)
    street: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    heads: bytes = b""
    head_starts: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    head_ends: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    rows: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    localities: dict[str, _Locality] = field(default_factory=dict)
    streets: dict[str, _Street] = field(default_factory=dict)
    bad_points: list[PrgReadError] = field(default_factory=list)

    def head(self, point: int) -> bytes:
        """The start-tag attributes of good point ``point``."""
        row = self.rows[point]
        return self.heads[int(self.head_starts[row]) : int(self.head_ends[row])]


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
        columns, waiting = _resolve_all(block, localities, streets)
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


def _extract(tables: Mapping[str, Table], default: PositionSystem, source: str) -> _Block:
    """Points, bad points, localities and streets of a block (in a worker process)."""
    block = _Block()
    places = tables["AD_Miejscowosc"]
    block.localities = dict(zip(places.attribute(None, "id"), zip(
        places.text("nazwa"), places.text("identyfikatorSIMC"), places.text("TERYTGminy"),
    )))
    streets = tables["AD_UlicaPlac"]
    block.streets = dict(zip(streets.attribute(None, "id"), zip(
        _street_names(streets), streets.text("identyfikatorULIC"),
    )))
    points = tables["AD_PunktAdresowy"]
    x, y, crs, problems = positions(points, default, source)
    block.points = {
        "source_id": _strings(points.text("lokalnyId")),
        "number": _strings(points.text("numerPorzadkowy")),
        "postcode": _strings(points.text("kodPocztowy")),
        "status": _strings(points.text("status")), "x": x, "y": y, "crs": crs,
    }
    block.locality_ids, block.locality = links(points, "miejscowosc")
    block.street_ids, block.street = links(points, "ulica2")
    block.heads, block.head_starts, block.head_ends = points.heads()
    block.rows = np.arange(len(points))
    has_position = points.has("pos")
    no_locality = np.array([not ref for ref in block.locality_ids], dtype=bool)[block.locality]
    bad = ~has_position | no_locality | (block.points["source_id"] == "") \
        | (block.points["number"] == "")
    if problems or bad.any():
        for row in np.flatnonzero(bad).tolist():
            problems[row] = PrgReadError(source, _problem(block, row, has_position[row]),
                                         feature=feature_id(points.head(row)))
        block.bad_points = [problems[row] for row in sorted(problems)]
        keep = np.ones(len(points), dtype=bool)
        keep[list(problems)] = False
        block.points = {name: values[keep] for name, values in block.points.items()}
        block.locality, block.street, block.rows = block.locality[keep], block.street[keep], \
            block.rows[keep]
    return block


def _strings(values: list[str]) -> np.ndarray:
    return np.array(values, dtype=object)


def _problem(block: _Block, row: int, has_position: bool) -> str:
    """What makes point ``row`` unusable, before anything wrong with its position."""
    if not has_position:
        return N_("the point has no position (georeferencja); the register entry is incomplete")
    if not block.points["source_id"][row]:
        return N_("the point has no lokalnyId, so it cannot be kept under a stable id")
    if not block.points["number"][row]:
        return N_("the point has no numerPorzadkowy (building number)")
    return N_("the point links to no locality (miejscowosc)")


def _resolve_all(
    block: _Block, localities: dict[str, _Locality], streets: dict[str, _Street],
) -> tuple[Columns, list[_Raw]]:
    """The block's points whose links are known, as columns, and the others."""
    found = [localities.get(ref) for ref in block.locality_ids]
    on = [streets.get(ref) if ref else _NO_STREET for ref in block.street_ids]
    points, locality, street = block.points, block.locality, block.street
    missing = np.array([place is None for place in found], dtype=bool)[locality] \
        | np.array([place is None for place in on], dtype=bool)[street]
    waiting: list[_Raw] = []
    if missing.any():
        for i in np.flatnonzero(missing).tolist():
            waiting.append((
                block.head(i), points["source_id"][i], points["number"][i],
                points["postcode"][i], points["status"][i], float(points["x"][i]),
                float(points["y"][i]), points["crs"][i], block.locality_ids[locality[i]],
                block.street_ids[street[i]],
            ))
        points = {name: values[~missing] for name, values in points.items()}
        locality, street = locality[~missing], street[~missing]

    def spread(linked: list[Any], item: int, index: np.ndarray) -> np.ndarray:
        """Item ``item`` of each point's linked object."""
        return np.asarray(np.array([each[item] if each else "" for each in linked],
                                   dtype=object)[index])

    columns: Columns = {
        "source_id": points["source_id"],
        "teryt_gmina": spread(found, 2, locality),
        "locality": spread(found, 0, locality),
        "simc": spread(found, 1, locality),
        "locality_part": np.full(len(locality), "", dtype=object),
        "street": spread(on, 0, street),
        "ulic": spread(on, 1, street),
        **{name: points[name] for name in ("number", "postcode", "status", "x", "y", "crs")},
    }
    return columns, waiting


def _street_names(streets: Table) -> list[str]:
    """The full name of each street, or its TERYT names (NAZWA_2 first) when it has none."""
    return [
        full or " ".join(part for part in parts if part)
        for full, *parts in zip(
            streets.text("nazwaPelna"), streets.text("TERYTNazwa2"), streets.text("TERYTNazwa1"),
        )
    ]


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
