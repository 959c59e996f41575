"""What the two GML models share: reading features fast, reading positions, and holding
points whose linked objects come later in the file.

A national register file holds millions of features, and building an XML tree for each
costs more than everything else an import does. GUGiK writes its files as plain UTF-8
XML, so ``read_features`` cuts the file into blocks of whole features and finds their
tags and fields with array operations (``scan``), on every core. It checks that each
feature it opens is closed and that the file ends with its root element; when a check
fails, lxml parses the file to say where and what is wrong. A file in another encoding,
or with a DOCTYPE, is parsed with lxml throughout; both give the same tables.
"""

from __future__ import annotations

import html
import multiprocessing
import pickle
import re
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from functools import partial
from itertools import chain, islice
from typing import IO, Any, NoReturn, Protocol, TypeVar

import numpy as np
from lxml import etree

from kooperacja.core.errors import gettext_noop as N_
from kooperacja.core.limits import iterparse, release
from kooperacja.core.prefetch import usable_cores
from kooperacja.core.prg.chunk import Row
from kooperacja.core.prg.crs import PositionSystem, position_system
from kooperacja.core.prg.errors import PrgReadError
from kooperacja.core.prg.scan import Broken, attribute, scan
from kooperacja.core.prg.sources import Source

T = TypeVar("T")

BLOCK_BYTES = 4 << 20
# A register feature takes a few kilobytes; bytes this long without one ending are not a
# register file, and are not held in memory to find out.
MAX_FEATURE_BYTES = 64 << 20
_ENCODING = re.compile(rb"<\?xml[^>]*?encoding\s*=\s*[\"']([\w.\-]+)[\"']")
_SPECIAL = re.compile(rb"<!--.*?-->|<!\[CDATA\[(.*?)\]\]>|<\?.*?\?>", re.DOTALL)
_PREFIX = rb"(?:[\w.\-]++:)?+"
_ROOT_CLOSED = re.compile(rb"</[\w.\-:]+\s*>\s*\Z")


class Table(Protocol):
    """The features of one kind in a block of the file, in file order (see
    ``scan.ScannedTable``, which reads them from the bytes, and ``ParsedTable``)."""

    def __len__(self) -> int: ...

    def head(self, row: int) -> bytes:
        """The attributes of feature ``row``'s start tag, as written."""

    def heads(self) -> tuple[bytes, np.ndarray, np.ndarray]:
        """Bytes that hold all features' start-tag attributes, and where each starts and
        ends in them."""

    def attribute(self, name: str | None, key: str) -> list[str]:
        """Attribute ``key`` of each feature's first ``name`` tag (of its own start tag
        when ``name`` is None); '' where there is none."""

    def attribute_groups(self, name: str | None, key: str) -> tuple[list[str], np.ndarray]:
        """``attribute``'s distinct values, and for each feature the index of its own."""

    def attributes_of_all(self, name: str, key: str) -> list[list[str]]:
        """Attribute ``key`` of all of each feature's ``name`` tags."""

    def has(self, name: str) -> np.ndarray:
        """Whether each feature has a ``name`` tag."""

    def text(self, name: str) -> list[str]:
        """The text after each feature's first ``name`` tag, stripped; '' where none."""

    def numbers(self, name: str) -> tuple[np.ndarray, np.ndarray] | None:
        """The numbers in each feature's ``name`` text, all in one array, and how many
        each feature has; None when they are not all plain decimals."""


def read_features(
    source: Source, kinds: tuple[str, ...], fields: tuple[str, ...],
    extract: Callable[[Mapping[str, Table]], T],
) -> Iterator[T]:
    """What ``extract`` makes of each block of features of ``kinds``, in file order.

    ``extract`` gets a table for each kind, from which it reads the elements it needs of
    ``fields``; prefixes are not compared, as GUGiK's namespaces change between releases.
    ``extract`` must be a module-level function (or a ``partial`` of one): it runs in
    worker processes.
    """
    with source.open() as handle:
        head = handle.read(BLOCK_BYTES)
        if _scannable(head):
            blocks = _blocks(source, handle, head, kinds)
            try:
                yield from _map(partial(_extract_block, kinds, fields, extract), blocks)
            except Broken:
                _broken(source)
            return
    for batch in _batches(_parsed(source, kinds, fields), 10_000):
        yield extract(_tables(batch, kinds))


def _scannable(head: bytes) -> bool:
    """UTF-8 XML without a DOCTYPE (which could declare entities)."""
    body = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    encoding = _ENCODING.match(body)
    return (
        body[:1] == b"<"
        and (encoding is None or encoding.group(1).lower() in (b"utf-8", b"utf8"))
        and b"<!DOCTYPE" not in head
    )


def _blocks(source: Source, handle: IO[bytes], head: bytes,
            kinds: tuple[str, ...]) -> Iterator[bytes]:
    """The file in blocks of about ``BLOCK_BYTES`` that end after a feature of ``kinds``,
    without comments, processing instructions or CDATA sections."""
    closing = re.compile(rb"</" + _PREFIX + rb"(?:" + _alternatives(kinds) + rb")\s*>")
    pending = head
    while True:
        block = handle.read(BLOCK_BYTES)
        data = pending + block
        later = b""
        if _has_specials(data):
            end = _end_of_specials(data) if block else len(data)
            data, later = _without_specials(data[:end]), data[end:]
        if not block:
            if not _ROOT_CLOSED.search(data):
                _broken(source)
            yield data
            return
        cut = _after_last(closing, data)
        data, pending = data[:cut], data[cut:] + later
        if len(pending) > MAX_FEATURE_BYTES:
            raise PrgReadError(source.name, N_("no address point ends within %(limit)s MB; "
                                               "check that the file comes from GUGiK unchanged"),
                               {"limit": MAX_FEATURE_BYTES >> 20})
        if data:
            yield data


def _has_specials(data: bytes) -> bool:
    """Whether ``data`` holds a comment, CDATA or processing instruction (``<!`` or ``<?``).

    '!' and '?' are rare in register files and one byte is found fastest.
    """
    for mark in (b"!", b"?"):
        at = data.find(mark)
        while at > 0:
            if data[at - 1] == 0x3C:  # "<"
                return True
            at = data.find(mark, at + 1)
    return False


def _after_last(closing: re.Pattern[bytes], data: bytes) -> int:
    """Where the last close tag matching ``closing`` ends; 0 if there is none."""
    end = len(data)
    while (end := data.rfind(b"</", 0, end)) >= 0:
        found = closing.match(data, end)
        if found:
            return found.end()
    return 0


def _end_of_specials(data: bytes) -> int:
    """Where a block with comments, CDATA or processing instructions can end: before the
    last one, if it is not closed in the block."""
    start = max(data.rfind(b"<!"), data.rfind(b"<?"))
    return len(data) if _SPECIAL.match(data, start) else start


def _without_specials(data: bytes) -> bytes:
    """Comments and processing instructions removed, CDATA turned into escaped text."""
    def replace(found: re.Match[bytes]) -> bytes:
        if found.group(1) is None:
            return b""
        return found.group(1).replace(b"&", b"&amp;").replace(b"<", b"&lt;")

    return _SPECIAL.sub(replace, data)


def _alternatives(names: Iterable[str]) -> bytes:
    return b"|".join(re.escape(name.encode()) for name in names)


def _extract_block(
    kinds: tuple[str, ...], fields: tuple[str, ...],
    extract: Callable[[Mapping[str, Table]], T], block: bytes,
) -> T:
    try:
        return extract(scan(block, kinds, fields))
    except UnicodeDecodeError:
        # A file that says UTF-8 and is not: lxml names the line.
        raise Broken from None


def _map(work: Callable[[bytes], T], blocks: Iterator[bytes]) -> Iterator[T]:
    """What ``work`` makes of each block, in order.

    Blocks are worked on in worker processes, one per core, when there is more than one
    block and the machine has more than one core and can fork (forked workers need no
    importable main module, and run nothing but ``work``). A few dozen blocks are worked
    on ahead of the caller, no more.
    """
    opening = list(islice(blocks, 2))
    workers = usable_cores()
    if len(opening) < 2 or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for block in chain(opening, blocks):
            yield work(block)
        return
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    waiting: deque[Future[T]] = deque()
    try:
        for block in chain(opening, blocks):
            waiting.append(pool.submit(work, block))
            if len(waiting) > max(16, 2 * workers):
                yield waiting.popleft().result()
        while waiting:
            yield waiting.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    items = iter(items)
    while batch := list(islice(items, size)):
        yield batch


def _broken(source: Source) -> NoReturn:
    """Report a file whose tags the scanner could not match up: lxml says where and what is
    wrong (an unclosed tag, a truncated file, bytes that are not UTF-8)."""
    with source.open() as handle:
        try:
            for _, element in iterparse(handle, events=("end",)):
                release(element)
        except etree.XMLSyntaxError as exc:
            raise _syntax_error(source, exc) from None
    raise PrgReadError(source.name, N_("the register features are not nested as the PRG "
                                       "model writes them; check that the file comes from "
                                       "GUGiK unchanged"))


def _syntax_error(source: Source, exc: etree.XMLSyntaxError) -> PrgReadError:
    return PrgReadError(
        source.name, N_("the XML is malformed at line %(line)s (%(problem)s); "
                        "download the file again, it may be truncated"),
        {"line": exc.lineno, "problem": exc.msg},
    )


# A feature as lxml reads it: its kind, its start tag's attributes, and for each field
# read, the attributes and text of each of its tags in document order.
_Parsed = tuple[str, bytes, dict[str, list[tuple[bytes, bytes]]]]


def _parsed(source: Source, kinds: tuple[str, ...], fields: tuple[str, ...]) -> Iterator[_Parsed]:
    """The features of the file, from lxml's tree of each feature."""
    wanted = frozenset(fields)
    with source.open() as handle:
        parse = iterparse(
            handle, events=("end",), tag=[f"{{*}}{kind}" for kind in kinds],
            remove_blank_text=True,
        )
        try:
            for _, element in parse:
                values: dict[str, list[tuple[bytes, bytes]]] = {}
                for node in element.iterdescendants():
                    if isinstance(node.tag, str) and (name := local_name(node.tag)) in wanted:
                        values.setdefault(name, []).append(
                            (_attributes(node), (node.text or "").encode())
                        )
                yield local_name(element.tag), _attributes(element), values
                release(element)
        except etree.XMLSyntaxError as exc:
            raise _syntax_error(source, exc) from None


def _tables(features: Iterable[_Parsed], kinds: tuple[str, ...]) -> Mapping[str, Table]:
    tables = {kind: ParsedTable() for kind in kinds}
    for kind, head, values in features:
        tables[kind].add(head, values)
    return tables


class ParsedTable:
    """Features of one kind as lxml read them (``_parsed``), read as ``scan.ScannedTable``
    reads them from the bytes."""

    def __init__(self) -> None:
        self._heads: list[bytes] = []
        self._values: list[dict[str, list[tuple[bytes, bytes]]]] = []

    def add(self, head: bytes, values: dict[str, list[tuple[bytes, bytes]]]) -> None:
        self._heads.append(head)
        self._values.append(values)

    def __len__(self) -> int:
        return len(self._heads)

    def head(self, row: int) -> bytes:
        return self._heads[row]

    def heads(self) -> tuple[bytes, np.ndarray, np.ndarray]:
        lengths = np.array([len(head) for head in self._heads], dtype=np.int64)
        ends = np.cumsum(lengths)
        return b"".join(self._heads), ends - lengths, ends

    def attribute(self, name: str | None, key: str) -> list[str]:
        if name is None:
            return [attribute(head, key) for head in self._heads]
        return [attribute(values[name][0][0], key) if name in values else ""
                for values in self._values]

    def attribute_groups(self, name: str | None, key: str) -> tuple[list[str], np.ndarray]:
        numbers: dict[str, int] = {}
        index = [numbers.setdefault(value, len(numbers)) for value in self.attribute(name, key)]
        return list(numbers), np.array(index, dtype=np.int64)

    def attributes_of_all(self, name: str, key: str) -> list[list[str]]:
        return [[attribute(found, key) for found, _ in values.get(name, ())]
                for values in self._values]

    def has(self, name: str) -> np.ndarray:
        return np.array([name in values for values in self._values], dtype=bool)

    def text(self, name: str) -> list[str]:
        return [values[name][0][1].strip().decode() if name in values else ""
                for values in self._values]

    def numbers(self, name: str) -> None:
        return None


def _attributes(element: etree._Element) -> bytes:
    """An element's attributes written out again, for ``attribute``."""
    # lxml-stubs types attribute names and values as str | bytes; on Python 3 they are str.
    return " ".join(
        f'{local_name(key)}="{html.escape(value)}"'  # type: ignore[arg-type]
        for key, value in element.attrib.items()
    ).encode()


def local_name(tag: str) -> str:
    return tag[tag.rfind("}") + 1 :]


def feature_id(attributes: bytes) -> str:
    """The gml:id in the attributes of a feature's start tag."""
    return attribute(attributes, "id")


def links(table: Table, name: str) -> tuple[list[str], np.ndarray]:
    """The ids the features' ``name`` tags link to (``xlink:href``; '' for none), and for
    each feature the index of its own among them."""
    hrefs, index = table.attribute_groups(name, "href")
    return [link(href) for href in hrefs], index


def link(href: str) -> str:
    """The id an xlink points to: the part after '#' or the last '/'."""
    if href[:1] == "#":
        return href[1:]
    return href[href.rfind("/") + 1 :].strip()


def positions(
    table: Table, default: PositionSystem, source: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict[int, PrgReadError]]:
    """Easting, northing and CRS of each feature's ``gml:Point`` (its ``Point`` and ``pos``
    tags), and the problem of each feature whose position cannot be read.

    The point's ``srsName`` decides the axis order; ``default`` is used only when the
    point declares none. A feature without ``pos`` gets zeros and no problem: the caller
    says what it misses.
    """
    has_position = table.has("pos")
    first, second, problems = _coordinates(table, has_position, source)
    srs_names, index = table.attribute_groups("Point", "srsName")
    crs = np.empty(len(srs_names), dtype=object)
    for number, srs_name in enumerate(srs_names):
        rows = np.flatnonzero(index == number) if len(srs_names) > 1 else np.arange(len(table))
        try:
            system = position_system(srs_name) if srs_name else default
        except ValueError as exc:
            texts = table.text("pos")
            for row in rows[has_position[rows]].tolist():
                problems.setdefault(row, _unreadable(table, row, source, texts[row], str(exc)))
            crs[number] = ""
            continue
        if system.northing_first:
            first[rows], second[rows] = second[rows], first[rows]
        crs[number] = system.crs
    return first, second, crs[index], problems


def _coordinates(
    table: Table, has_position: np.ndarray, source: str
) -> tuple[np.ndarray, np.ndarray, dict[int, PrgReadError]]:
    """The first two numbers of each feature's ``pos`` (zeros where it has none), and the
    problem of each whose ``pos`` does not hold two or three numbers."""
    first, second = np.zeros(len(table)), np.zeros(len(table))
    problems: dict[int, PrgReadError] = {}
    written = table.numbers("pos")
    if written is not None:
        numbers, counts = written
        if (~has_position | (counts == 2) | (counts == 3)).all():
            at = (np.cumsum(counts) - counts)[has_position]
            first[has_position], second[has_position] = numbers[at], numbers[at + 1]
            return first, second, problems
    texts = table.text("pos")
    for row in np.flatnonzero(has_position).tolist():
        values = texts[row].split()
        if len(values) not in (2, 3):
            problems[row] = PrgReadError(
                source, N_("the point has no position (gml:pos with two coordinates); the "
                           "register entry is incomplete"), feature=feature_id(table.head(row)),
            )
            continue
        try:
            first[row], second[row] = float(values[0]), float(values[1])
        except ValueError as exc:
            problems[row] = _unreadable(table, row, source, texts[row], str(exc))
    return first, second, problems


def _unreadable(table: Table, row: int, source: str, pos: str, problem: str) -> PrgReadError:
    return PrgReadError(source, N_("unreadable position %(pos)s (%(problem)s)"),
                        {"pos": pos, "problem": problem}, feature=feature_id(table.head(row)))


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
                # Kept open across calls; drain() closes it.
                self._spill = tempfile.TemporaryFile(prefix="kooperacja-prg-")  # noqa: SIM115
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
