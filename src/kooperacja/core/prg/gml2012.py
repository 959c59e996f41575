"""PRG address points in the GML model of 2012 (``PRG_PunktAdresowy``).

A point writes its locality, street, number, postcode and status as text, and links
(``komponent``) to the objects that carry their codes: administrative units
(``PRG_JednostkaAdministracyjnaNazwa``, the gmina at level 4), the locality
(``PRG_MiejscowoscNazwa``, SIMC) and the street (``PRG_UlicaNazwa``, ULIC). Those may come
after the point; such points are held back until the end (see ``PendingPoints``).
Positions are written northing first, as the URN ``srsName`` declares.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from kooperacja.core.errors import gettext_noop as N_
from kooperacja.core.prg.chunk import Row
from kooperacja.core.prg.crs import PUWG_1992, PositionSystem
from kooperacja.core.prg.errors import PrgReadError, SkipHandler, skip_or_raise
from kooperacja.core.prg.gml import (
    GML_ID, PendingPoints, descendant_text, features, link, local_name, position, text,
)
from kooperacja.core.prg.sources import Source

FEATURES = (
    "PRG_PunktAdresowy", "PRG_JednostkaAdministracyjnaNazwa", "PRG_MiejscowoscNazwa",
    "PRG_UlicaNazwa",
)
_GMINA_LEVEL = "4poziom"

# What a linked object contributes: which code ("gmina", "simc", "ulic", or "" for
# none we keep) and the code itself.
_Component = tuple[str, str]
# A point before its links are resolved: feature id, source id, locality, locality part,
# street, number, postcode, status, x, y, crs, linked object ids.
_Raw = tuple[str, str, str, str, str, str, str, str, float, float, str, tuple[str, ...]]


@dataclass(frozen=True)
class _Tags:
    """Qualified child tags of one namespace, built once so the hot loop compares strings."""

    id_iip: str
    locality: str
    locality_part: str
    street: str
    number: str
    postcode: str
    status: str
    position: str
    component: str


@lru_cache(maxsize=4)
def _tags(namespace: str) -> _Tags:
    return _Tags(*(namespace + name for name in (
        "idIIP", "miejscowosc", "czescMiejscowosci", "ulica", "numerPorzadkowy",
        "kodPocztowy", "status", "pozycja", "komponent",
    )))


def read_points(source: Source, crs: str | None, on_skip: SkipHandler | None) -> Iterator[Row]:
    """Points of a model-2012 file, with TERYT codes filled in from their components.

    ``crs`` applies to positions without ``srsName``; those are read northing first, as
    the model writes them.
    """
    default = PositionSystem(crs or PUWG_1992, northing_first=True)
    components: dict[str, _Component] = {}
    pending = PendingPoints(lambda raw: _resolve(raw, components, final=False))
    for element in features(source, FEATURES):
        kind = local_name(element.tag)
        if kind == "PRG_PunktAdresowy":
            try:
                raw = _point(element, default, source)
            except PrgReadError as error:
                skip_or_raise(error, on_skip)
                continue
            row = _resolve(raw, components, final=False)
            if row is None:
                yield from pending.add(raw)
            else:
                yield row
        else:
            components[element.get(GML_ID, "")] = _component(kind, element)
    for raw in pending.drain():
        yield _resolve(raw, components, final=True)  # type: ignore[misc]


def _component(kind: str, element: etree._Element) -> _Component:
    if kind == "PRG_MiejscowoscNazwa":
        return ("simc", descendant_text(element, "idTERYT"))
    if kind == "PRG_UlicaNazwa":
        return ("ulic", descendant_text(element, "idTERYT"))
    if descendant_text(element, "poziom") == _GMINA_LEVEL:
        return ("gmina", descendant_text(element, "idTERYT"))
    return ("", "")


def _point(element: etree._Element, default: PositionSystem, source: Source) -> _Raw:
    feature = element.get(GML_ID, "")
    tag = element.tag
    tags = _tags(tag[: tag.rfind("}") + 1])
    source_id = locality = part = street = number = postcode = status = ""
    coordinates = None
    links: list[str] = []
    for child in element:
        name = child.tag
        if name == tags.component:
            links.append(link(child))
        elif name == tags.id_iip:
            source_id = descendant_text(child, "lokalnyId")
        elif name == tags.locality:
            locality = text(child)
        elif name == tags.locality_part:
            part = text(child)
        elif name == tags.street:
            street = text(child)
        elif name == tags.number:
            number = text(child)
        elif name == tags.postcode:
            postcode = text(child)
        elif name == tags.status:
            status = text(child)
        elif name == tags.position:
            coordinates = position(child, default, source, feature)
    problem = None
    if coordinates is None:
        problem = N_("the point has no position (pozycja); the register entry is incomplete")
    elif not source_id:
        problem = N_("the point has no lokalnyId, so it cannot be kept under a stable id")
    elif not number:
        problem = N_("the point has no numerPorzadkowy (building number)")
    elif not locality:
        problem = N_("the point names no locality (miejscowosc)")
    if problem is not None:
        raise PrgReadError(source.name, problem, feature=feature)
    x, y, crs = coordinates  # type: ignore[misc]
    return (feature, source_id, locality, part, street, number, postcode, status, x, y, crs,
            tuple(links))


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
