"""What the two GML models share: streaming features, reading positions, and holding
points whose linked objects come later in the file."""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Callable, Iterator
from typing import IO, Any

from lxml import etree

from kooperacja.core.errors import gettext_noop as N_
from kooperacja.core.prg.chunk import Row
from kooperacja.core.prg.crs import PositionSystem, position_system
from kooperacja.core.prg.errors import PrgReadError
from kooperacja.core.prg.sources import Source

GML_ID = "{http://www.opengis.net/gml/3.2}id"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


def features(source: Source, names: tuple[str, ...]) -> Iterator[etree._Element]:
    """Each feature element with one of the local ``names``, complete, in file order.

    Memory stays flat: a feature is emptied and detached once the caller has read it,
    together with whatever came before it (objects of other types included).
    """
    wanted = [f"{{*}}{name}" for name in names]
    with source.open() as handle:
        parse = etree.iterparse(
            handle, events=("end",), tag=wanted, remove_blank_text=True, huge_tree=True
        )
        try:
            for _, element in parse:
                yield element
                _release(element)
        except etree.XMLSyntaxError as exc:
            raise PrgReadError(
                source.name, N_("the XML is malformed at line %(line)s (%(problem)s); "
                                "download the file again, it may be truncated"),
                {"line": exc.lineno, "problem": exc.msg},
            ) from None


def _release(element: etree._Element) -> None:
    element.clear(keep_tail=False)
    node = element
    parent = node.getparent()
    while parent is not None:
        while node.getprevious() is not None:
            del parent[0]
        node, parent = parent, parent.getparent()


def local_name(tag: str) -> str:
    return tag[tag.rfind("}") + 1 :]


def text(element: etree._Element | None) -> str:
    """An element's text stripped, '' for a missing or nil element."""
    if element is None or element.text is None:
        return ""
    return element.text.strip()


def link(element: etree._Element) -> str:
    """The id an xlink points to: the part after '#' or the last '/'."""
    href = element.get(XLINK_HREF) or ""
    if href[:1] == "#":
        return href[1:]
    return href[href.rfind("/") + 1 :].strip()


def descendant_text(element: etree._Element, name: str) -> str:
    """Text of the first descendant with local ``name``, '' if there is none."""
    for found in element.iter(f"{{*}}{name}"):
        return text(found)
    return ""


def position(
    holder: etree._Element, default: PositionSystem, source: Source, feature: str
) -> tuple[float, float, str]:
    """Easting, northing and CRS of the ``gml:Point`` inside ``holder``.

    The point's ``srsName`` decides the axis order; ``default`` is used only when the
    point declares none.
    """
    point = holder[0] if len(holder) else None
    pos = None
    if point is not None:
        for child in point:
            if child.tag.endswith("}pos"):
                pos = child.text
                break
    values = (pos or "").split()
    if len(values) not in (2, 3):
        raise PrgReadError(source.name, N_("the point has no position (gml:pos with two "
                                           "coordinates); the register entry is incomplete"),
                           feature=feature)
    srs_name = point.get("srsName") if point is not None else None
    try:
        system = position_system(srs_name) if srs_name else default
        first, second = float(values[0]), float(values[1])
    except ValueError as exc:
        raise PrgReadError(source.name, N_("unreadable position %(pos)s (%(problem)s)"),
                           {"pos": pos, "problem": str(exc)}, feature=feature) from None
    if system.northing_first:
        return second, first, system.crs
    return first, second, system.crs


class PendingPoints:
    """Points waiting for objects that the file defines after them.

    ``resolve`` turns a held point into its row, or None while what it links to is still
    unknown. Each time ``limit`` points are held, those that have become resolvable are
    released; if many still wait, they go to an anonymous temporary file, so a file that
    puts all its dictionaries last is still read in bounded memory.
    """

    def __init__(self, resolve: Callable[[Any], Row | None], limit: int = 100_000) -> None:
        self.resolve = resolve
        self.limit = limit
        self._held: list[Any] = []
        self._spill: IO[bytes] | None = None
        self._spilled_batches = 0

    def add(self, point: Any) -> list[Row]:
        """Hold ``point``; returns the rows of held points that can now be resolved."""
        self._held.append(point)
        if len(self._held) < self.limit:
            return []
        ready: list[Row] = []
        waiting: list[Any] = []
        for held in self._held:
            row = self.resolve(held)
            if row is None:
                waiting.append(held)
            else:
                ready.append(row)
        self._held = waiting
        if len(waiting) >= self.limit // 2:
            if self._spill is None:
                self._spill = tempfile.TemporaryFile(prefix="kooperacja-prg-")
            pickle.dump(waiting, self._spill, protocol=pickle.HIGHEST_PROTOCOL)
            self._spilled_batches += 1
            self._held = []
        return ready

    def drain(self) -> Iterator[Any]:
        """Every point still held, once; the store is empty afterwards."""
        if self._spill is not None:
            self._spill.seek(0)
            for _ in range(self._spilled_batches):
                yield from pickle.load(self._spill)
            self._spill.close()
            self._spill, self._spilled_batches = None, 0
        held, self._held = self._held, []
        yield from held
