"""PRG address points in the GML model of 2012 (``PRG_PunktAdresowy``).

A point writes its locality, street, number, postcode and status as text, and links
(``komponent``) to the objects that carry their codes: administrative units
(``PRG_JednostkaAdministracyjnaNazwa``, the gmina at level 4), the locality
(``PRG_MiejscowoscNazwa``, SIMC) and the street (``PRG_UlicaNazwa``, ULIC). Those may come
after the point; such points are held back until the end (see ``PendingPoints``).
Positions are written northing first, as the URN ``srsName`` declares.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial

from kooperacja.core.errors import gettext_noop as N_
from kooperacja.core.prg.chunk import Columns, Row, columns_from_rows
from kooperacja.core.prg.crs import PUWG_1992, PositionSystem
from kooperacja.core.prg.errors import PrgReadError, SkipHandler, skip_or_raise
from kooperacja.core.prg.gml import (
    PendingPoints,
    Table,
    feature_id,
    link,
    positions,
    read_features,
)
from kooperacja.core.prg.sources import Source

KINDS = (
    "PRG_PunktAdresowy", "PRG_JednostkaAdministracyjnaNazwa", "PRG_MiejscowoscNazwa",
    "PRG_UlicaNazwa",
)
# Elements read from the features.
FIELDS = (
    "lokalnyId", "miejscowosc", "czescMiejscowosci", "ulica", "numerPorzadkowy", "kodPocztowy",
    "status", "Point", "pos", "komponent", "idTERYT", "poziom",
)
_GMINA_LEVEL = "4poziom"

# What a linked object contributes: which code ("gmina", "simc", "ulic", or "" for
# none we keep) and the code itself.
_Component = tuple[str, str]
# A point before its links are resolved: its start tag's attributes, source id, locality,
# locality part, street, number, postcode, status, x, y, crs, linked object ids.
_Raw = tuple[bytes, str, str, str, str, str, str, str, float, float, str, tuple[str, ...]]


@dataclass
class _Block:
    """What a worker reads from one block of the file."""

    points: list[_Raw] = field(default_factory=list)
    components: dict[str, _Component] = field(default_factory=dict)
    bad_points: list[PrgReadError] = field(default_factory=list)


def read_blocks(source: Source, crs: str | None, on_skip: SkipHandler | None) -> Iterator[Columns]:
    """Points of a model-2012 file, with TERYT codes filled in from their components.

    ``crs`` applies to positions without ``srsName``; those are read northing first, as
    the model writes them.
    """
    default = PositionSystem(crs or PUWG_1992, northing_first=True)
    components: dict[str, _Component] = {}
    pending = PendingPoints(lambda raw: _resolve(raw, components, final=False))
    extract = partial(_extract, default=default, source=source.name)
    for block in read_features(source, KINDS, FIELDS, extract):
        for error in block.bad_points:
            skip_or_raise(error, on_skip)
        components.update(block.components)
        rows: list[Row] = []
        for raw in block.points:
            row = _resolve(raw, components, final=False)
            if row is None:
                rows += pending.add(raw)
            else:
                rows.append(row)
        yield columns_from_rows(rows)
    yield columns_from_rows([_resolve(raw, components, final=True)  # type: ignore[misc]
                             for raw in pending.drain()])


def _extract(tables: Mapping[str, Table], default: PositionSystem, source: str) -> _Block:
    """Points, bad points and linked objects of a block (in a worker process)."""
    block = _Block()
    for kind, table in tables.items():
        if kind != "PRG_PunktAdresowy":
            block.components.update(zip(table.attribute(None, "id"), _components(kind, table)))
    points = tables["PRG_PunktAdresowy"]
    x, y, crs, problems = positions(points, default, source)
    has_position = points.has("pos")
    source_ids, numbers, localities = (
        points.text("lokalnyId"), points.text("numerPorzadkowy"), points.text("miejscowosc"),
    )
    columns = zip(
        range(len(points)), source_ids, localities, points.text("czescMiejscowosci"),
        points.text("ulica"), numbers, points.text("kodPocztowy"), points.text("status"),
        x.tolist(), y.tolist(), crs, points.attributes_of_all("komponent", "href"),
    )
    for row, source_id, locality, *values, hrefs in columns:
        problem = None
        if not has_position[row]:
            problem = N_("the point has no position (pozycja); the register entry is incomplete")
        elif not source_id:
            problem = N_("the point has no lokalnyId, so it cannot be kept under a stable id")
        elif not numbers[row]:
            problem = N_("the point has no numerPorzadkowy (building number)")
        elif not locality:
            problem = N_("the point names no locality (miejscowosc)")
        if problem is not None:
            block.bad_points.append(
                PrgReadError(source, problem, feature=feature_id(points.head(row)))
            )
        elif row in problems:
            block.bad_points.append(problems[row])
        else:
            block.points.append((points.head(row), source_id, locality, *values,
                                 tuple(link(href) for href in hrefs)))
    return block


def _components(kind: str, table: Table) -> list[_Component]:
    codes = table.text("idTERYT")
    if kind == "PRG_MiejscowoscNazwa":
        return [("simc", code) for code in codes]
    if kind == "PRG_UlicaNazwa":
        return [("ulic", code) for code in codes]
    return [("gmina", code) if level == _GMINA_LEVEL else ("", "")
            for code, level in zip(codes, table.text("poziom"))]


def _resolve(raw: _Raw, components: dict[str, _Component], final: bool) -> Row | None:
    """The point's row, or None while a linked object is unknown (until ``final``)."""
    _, source_id, locality, part, street, number, postcode, status, x, y, crs, links = raw
    codes = {"gmina": "", "simc": "", "ulic": "", "": ""}
    for target in links:
        component = components.get(target)
        if component is None:
            if not final:
                return None
            continue
        codes[component[0]] = component[1]
    return (source_id, codes["gmina"], locality, codes["simc"], part, street, codes["ulic"],
            number, postcode, status, x, y, crs)
