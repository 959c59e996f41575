"""What the two GML models share: reading features fast, reading positions, and holding
points whose linked objects come later in the file.

A national register file holds millions of features, and building an XML tree for each
costs more than everything else an import does. GUGiK writes its files as plain UTF-8
XML, so ``read_features`` cuts the file into blocks of whole features and reads the
elements it is asked for straight from the bytes, one regular expression per block, on
every core. It checks that each feature it opens is closed and that the file ends with
its root element; when a check fails, lxml parses the file to say where and what is
wrong. A file in another encoding, or with a DOCTYPE, is parsed with lxml throughout;
both give the same features.
"""

from __future__ import annotations

import html
import multiprocessing
import pickle
import re
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from functools import lru_cache, partial
from itertools import chain, islice
from typing import IO, Any, NoReturn, TypeVar

from lxml import etree

from kooperacja.core.errors import gettext_noop as N_
from kooperacja.core.prefetch import usable_cores
from kooperacja.core.prg.chunk import Row
from kooperacja.core.prg.crs import PositionSystem, position_system
from kooperacja.core.prg.errors import PrgReadError
from kooperacja.core.prg.sources import Source

# A field found inside a feature, as bytes: its element's local name, its attributes as
# written (read them with ``attribute``), the text after its start tag (unstripped), and
# an empty fourth item left by the scanner.
Field = tuple[bytes, bytes, bytes, bytes]
# A feature: its kind (local name); the attributes of its start tag (``feature_id`` reads
# its gml:id); the first field of each name (a feature's own comes before any nested
# deeper); and every field of the names asked for as repeated, in document order.
Feature = tuple[str, bytes, dict[bytes, Field], list[Field]]
T = TypeVar("T")

BLOCK_BYTES = 4 << 20
_ENCODING = re.compile(rb"<\?xml[^>]*?encoding\s*=\s*[\"']([\w.\-]+)[\"']")
_SPECIAL = re.compile(rb"<!--.*?-->|<!\[CDATA\[(.*?)\]\]>|<\?.*?\?>", re.DOTALL)
_PREFIX = rb"(?:[\w.\-]++:)?+"
_ROOT_CLOSED = re.compile(rb"</[\w.\-:]+\s*>\s*\Z")


class _Broken(Exception):
    """A block whose feature tags do not match up; ``read_features`` asks lxml why."""


def read_features(
    source: Source, kinds: tuple[str, ...], fields: tuple[str, ...],
    extract: Callable[[Iterable[Feature]], T], repeated: tuple[str, ...] = (),
) -> Iterator[T]:
    """What ``extract`` makes of each block of features of ``kinds``, in file order.

    Each feature comes with the descendant elements named in ``fields`` and ``repeated``;
    prefixes are not compared, as GUGiK's namespaces change between releases. ``extract``
    must be a module-level function (or a ``partial`` of one): it runs in worker processes.
    """
    fields += repeated
    with source.open() as handle:
        head = handle.read(BLOCK_BYTES)
        if _scannable(head):
            blocks = _blocks(source, handle, head, kinds)
            try:
                yield from _map(partial(_extract_block, kinds, fields, repeated, extract), blocks)
            except _Broken:
                _broken(source)
            return
    for batch in _batches(_parsed(source, kinds, fields, repeated), 10_000):
        yield extract(batch)


def _scannable(head: bytes) -> bool:
    """UTF-8 XML without a DOCTYPE (which could declare entities)."""
    body = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    encoding = _ENCODING.match(body)
    return (
        body[:1] == b"<"
        and (encoding is None or encoding.group(1).lower() in (b"utf-8", b"utf8"))
        and b"<!DOCTYPE" not in head
    )


def _blocks(source: Source, handle: IO[bytes], head: bytes, kinds: tuple[str, ...]) -> Iterator[bytes]:
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


@lru_cache(maxsize=8)
def _tokens(kinds: tuple[str, ...], fields: tuple[str, ...]) -> re.Pattern[bytes]:
    """Start tags of ``kinds`` and ``fields``: name (group 1), attributes (2) and the text
    that follows (3); close tags of ``kinds``: name (4).

    The look-ahead on the first letter lets the many other tags fail at once.
    """
    initials = re.escape(bytes(sorted({name.encode()[0] for name in kinds + fields})))
    kind_initials = re.escape(bytes(sorted({name.encode()[0] for name in kinds})))
    return re.compile(
        b"<(?:" + _PREFIX + b"(?=[" + initials + b"])(" + _alternatives(kinds + fields)
        + rb")(?=[\s/>])([^>]*+)>([^<]*+)|/" + _PREFIX + b"(?=[" + kind_initials + b"])("
        + _alternatives(kinds) + rb")\s*>)"
    )


def _extract_block(
    kinds: tuple[str, ...], fields: tuple[str, ...], repeated: tuple[str, ...],
    extract: Callable[[Iterable[Feature]], T], block: bytes,
) -> T:
    try:
        return extract(_features(block, kinds, fields, repeated))
    except UnicodeDecodeError:
        # A file that says UTF-8 and is not: lxml names the line.
        raise _Broken from None


def _features(
    block: bytes, kinds: tuple[str, ...], fields: tuple[str, ...], repeated: tuple[str, ...]
) -> Iterator[Feature]:
    """The features of a block that holds whole features only."""
    kind_names = {name.encode(): name for name in kinds}
    many = frozenset(name.encode() for name in repeated)
    escaped = b"&" in block
    kind = head = b""
    values: dict[bytes, Field] = {}
    repeats: list[Field] = []
    for token in _tokens(kinds, fields).findall(block):
        name, attributes, value, closing = token
        if closing:
            if closing != kind:
                raise _Broken
            yield kind_names[kind], head, values, repeats
            kind = b""
        elif name in kind_names:
            if kind:
                raise _Broken
            kind, head, values, repeats = name, attributes, {}, []
            if attributes[-1:] == b"/":
                yield kind_names[kind], head, values, repeats
                kind = b""
        elif kind:
            if escaped and b"&" in value:
                token = (name, attributes, html.unescape(value.decode()).encode(), closing)
            if name in many:
                repeats.append(token)
            elif name not in values:
                values[name] = token
    if kind:
        raise _Broken


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
            for _, element in etree.iterparse(handle, events=("end",), huge_tree=True):
                _release(element)
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


def _parsed(
    source: Source, kinds: tuple[str, ...], fields: tuple[str, ...], repeated: tuple[str, ...]
) -> Iterator[Feature]:
    """The same features as the scanner's, from lxml's tree of each feature."""
    wanted = frozenset(fields)
    with source.open() as handle:
        parse = etree.iterparse(
            handle, events=("end",), tag=[f"{{*}}{kind}" for kind in kinds],
            remove_blank_text=True, huge_tree=True,
        )
        try:
            for _, element in parse:
                values: dict[bytes, Field] = {}
                repeats: list[Field] = []
                for node in element.iterdescendants():
                    if isinstance(node.tag, str) and (name := local_name(node.tag)) in wanted:
                        found = (name.encode(), _attributes(node), (node.text or "").encode(), b"")
                        if name in repeated:
                            repeats.append(found)
                        else:
                            values.setdefault(found[0], found)
                yield local_name(element.tag), _attributes(element), values, repeats
                _release(element)
        except etree.XMLSyntaxError as exc:
            raise _syntax_error(source, exc) from None


def _attributes(element: etree._Element) -> bytes:
    """An element's attributes written out again, for ``attribute``."""
    return " ".join(
        f'{local_name(key)}="{html.escape(value)}"' for key, value in element.attrib.items()
    ).encode()


def _release(element: etree._Element) -> None:
    """Empty and detach a feature read, with whatever came before it."""
    element.clear(keep_tail=False)
    node = element
    parent = node.getparent()
    while parent is not None:
        while node.getprevious() is not None:
            del parent[0]
        node, parent = parent, parent.getparent()


def local_name(tag: str) -> str:
    return tag[tag.rfind("}") + 1 :]


def _attribute(attributes: bytes, name: str) -> str:
    """The value of attribute ``name`` (any prefix, either quote) in a start tag."""
    found = _attribute_pattern(name).search(attributes)
    if found is None:
        return ""
    value = (found.group(1) if found.group(1) is not None else found.group(2)).decode()
    return html.unescape(value) if "&" in value else value


@lru_cache(maxsize=16)
def _attribute_pattern(name: str) -> re.Pattern[bytes]:
    return re.compile(
        rb"(?:^|\s)(?:[\w.\-]+:)?" + re.escape(name.encode())
        + rb"\s*=\s*(?:\"([^\"]*)\"|'([^']*)')"
    )


# Attributes repeat (every point of a street links to it in the same words): read each once.
attribute = lru_cache(maxsize=65_536)(_attribute)


def feature_id(attributes: bytes) -> str:
    """The gml:id in the attributes of a feature's start tag."""
    return _attribute(attributes, "id")


def text(values: dict[bytes, Field], name: bytes) -> str:
    """The text of field ``name``, stripped; '' if the feature has none."""
    return values[name][2].strip().decode() if name in values else ""


def link(href: str) -> str:
    """The id an xlink points to: the part after '#' or the last '/'."""
    if href[:1] == "#":
        return href[1:]
    return href[href.rfind("/") + 1 :].strip()


def position(
    fields: dict[bytes, Field], default: PositionSystem, source: str, head: bytes
) -> tuple[float, float, str]:
    """Easting, northing and CRS of the feature's ``gml:Point`` (its fields ``Point`` and
    ``pos``; the caller has made sure there is a ``pos``).

    The point's ``srsName`` decides the axis order; ``default`` is used only when the
    point declares none. ``head`` holds the feature's attributes, for messages.
    """
    pos = fields[b"pos"][2]
    srs_name = attribute(fields[b"Point"][1], "srsName") if b"Point" in fields else ""
    values = pos.split()
    if len(values) not in (2, 3):
        raise PrgReadError(source, N_("the point has no position (gml:pos with two "
                                      "coordinates); the register entry is incomplete"),
                           feature=feature_id(head))
    try:
        system = position_system(srs_name) if srs_name else default
        first, second = float(values[0]), float(values[1])
    except ValueError as exc:
        raise PrgReadError(source, N_("unreadable position %(pos)s (%(problem)s)"),
                           {"pos": pos.decode(errors="replace"), "problem": str(exc)},
                           feature=feature_id(head)) from None
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
