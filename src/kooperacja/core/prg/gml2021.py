"""PRG address points in the GML model of 2021 (``AD_PunktAdresowy``).

A point carries its number, postcode and position, and links (``xlink:href="#id"``) to
its locality (``AD_Miejscowosc``) and, in towns, its street (``AD_UlicaPlac``). Localities
and streets are few, so they are kept; a point is emitted as soon as what it links to is
known, and held back (see ``PendingPoints``) only while it is not.
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

FEATURES = ("AD_PunktAdresowy", "AD_Miejscowosc", "AD_UlicaPlac")


@dataclass(frozen=True)
class _Locality:
    name: str
    simc: str
    teryt_gmina: str


@dataclass(frozen=True)
class _Street:
    name: str
    ulic: str


# A point before its links are resolved:
# feature id, source id, number, postcode, status, x, y, crs, locality id, street id.
_Raw = tuple[str, str, str, str, str, float, float, str, str, str]


@dataclass(frozen=True)
class _Tags:
    """Qualified child tags of one namespace, built once so the hot loop compares strings."""

    id_iip: str
    number: str
    position: str
    postcode: str
    status: str
    locality: str
    street: str


@lru_cache(maxsize=4)
def _tags(namespace: str) -> _Tags:
    return _Tags(*(namespace + name for name in (
        "idIIP", "numerPorzadkowy", "georeferencja", "kodPocztowy", "status",
        "miejscowosc", "ulica2",
    )))


def read_points(source: Source, crs: str | None, on_skip: SkipHandler | None) -> Iterator[Row]:
    """Points of a model-2021 file, with locality and street filled in from their links.

    ``crs`` applies to positions without ``srsName``; otherwise EPSG:2180 easting first.
    """
    default = PositionSystem(crs or PUWG_1992, northing_first=False)
    localities: dict[str, _Locality] = {}
    streets: dict[str, _Street] = {}
    pending = PendingPoints(lambda raw: _resolve(raw, localities, streets))
    for element in features(source, FEATURES):
        kind = local_name(element.tag)
        if kind == "AD_PunktAdresowy":
            try:
                raw = _point(element, default, source)
            except PrgReadError as error:
                skip_or_raise(error, on_skip)
                continue
            row = _resolve(raw, localities, streets)
            if row is None:
                yield from pending.add(raw)
            else:
                yield row
        elif kind == "AD_Miejscowosc":
            localities[element.get(GML_ID, "")] = _Locality(
                descendant_text(element, "nazwa"),
                descendant_text(element, "identyfikatorSIMC"),
                descendant_text(element, "TERYTGminy"),
            )
        else:
            streets[element.get(GML_ID, "")] = _Street(
                _street_name(element), descendant_text(element, "identyfikatorULIC")
            )
    for raw in pending.drain():
        row = _resolve(raw, localities, streets)
        if row is None:
            skip_or_raise(_dangling(raw, localities, source), on_skip)
        else:
            yield row


def _point(element: etree._Element, default: PositionSystem, source: Source) -> _Raw:
    feature = element.get(GML_ID, "")
    tag = element.tag
    tags = _tags(tag[: tag.rfind("}") + 1])
    source_id = number = postcode = status = locality = street = ""
    coordinates = None
    for child in element:
        name = child.tag
        if name == tags.id_iip:
            source_id = descendant_text(child, "lokalnyId")
        elif name == tags.number:
            number = (child.text or "").strip()
        elif name == tags.position:
            coordinates = position(child, default, source, feature)
        elif name == tags.postcode:
            postcode = (child.text or "").strip()
        elif name == tags.status:
            status = text(child)
        elif name == tags.locality:
            locality = link(child)
        elif name == tags.street:
            street = link(child)
    problem = None
    if coordinates is None:
        problem = N_("the point has no position (georeferencja); the register entry is incomplete")
    elif not source_id:
        problem = N_("the point has no lokalnyId, so it cannot be kept under a stable id")
    elif not number:
        problem = N_("the point has no numerPorzadkowy (building number)")
    elif not locality:
        problem = N_("the point links to no locality (miejscowosc)")
    if problem is not None:
        raise PrgReadError(source.name, problem, feature=feature)
    x, y, crs = coordinates  # type: ignore[misc]
    return (feature, source_id, number, postcode, status, x, y, crs, locality, street)


def _street_name(element: etree._Element) -> str:
    full = descendant_text(element, "nazwaPelna")
    if full:
        return full
    parts = (descendant_text(element, "TERYTNazwa2"), descendant_text(element, "TERYTNazwa1"))
    return " ".join(part for part in parts if part)


def _resolve(
    raw: _Raw, localities: dict[str, _Locality], streets: dict[str, _Street]
) -> Row | None:
    _, source_id, number, postcode, status, x, y, crs, locality_id, street_id = raw
    locality = localities.get(locality_id)
    if locality is None:
        return None
    street_name = ulic = ""
    if street_id:
        street = streets.get(street_id)
        if street is None:
            return None
        street_name, ulic = street.name, street.ulic
    return (source_id, locality.teryt_gmina, locality.name, locality.simc, "", street_name,
            ulic, number, postcode, status, x, y, crs)


def _dangling(raw: _Raw, localities: dict[str, _Locality], source: Source) -> PrgReadError:
    feature, locality_id, street_id = raw[0], raw[8], raw[9]
    if locality_id not in localities:
        return PrgReadError(source.name, N_("the point links to locality %(target)s, which the "
                                            "file does not contain; the file may be incomplete"),
                            {"target": locality_id}, feature=feature)
    return PrgReadError(source.name, N_("the point links to street %(target)s, which the file "
                                        "does not contain; the file may be incomplete"),
                        {"target": street_id}, feature=feature)
