"""Finding the features of a block of GML, and their fields, with array operations.

A block without comments, CDATA sections or processing instructions (``gml._blocks``
removes them) is a sequence of tags and text: XML escapes ``<`` everywhere else, so every
``<`` starts a tag, and the first ``>`` after it ends it (outside an attribute's quotes).
The scanner finds all of them at once with NumPy. A block has few different kinds of
tag, and the first 32 bytes of a tag tell its kind: start tags are grouped by those
bytes and each group is named once; close tags are only looked at for the features'
names, at their end. Start and close tags of the features are paired, and a column of
values is then cut out of the block in one go, so reading a point costs a few Python
objects, not a loop over its tags.

It reads what ``gml.ParsedTable`` reads with lxml: for each field, the first start tag of
that name in the feature (at any depth), with its attributes and the text that follows it
up to the next tag. Tags that do not pair up raise ``Broken``, and lxml then says what is
wrong.
"""

from __future__ import annotations

import html
import re
import warnings
from functools import lru_cache

import numpy as np

_WHITESPACE = b" \t\n\r\x0b\x0c"
_IS_WHITESPACE = np.zeros(256, dtype=bool)
_IS_WHITESPACE[list(_WHITESPACE)] = True
# Bytes a coordinate list is written with; anything else is read one by one.
_IS_NUMERIC = _IS_WHITESPACE.copy()
_IS_NUMERIC[list(b"0123456789.eE+-")] = True
# Start tags are told apart by their first ``_WINDOW`` bytes (up to their ">"): a tag's
# name, with a namespace prefix, fits in them, and few different windows occur in a block.
_WINDOW = 32
# The low ``n`` bytes of a little-endian word, for n = 0..8.
_LOW_BYTES = np.array([(1 << (8 * n)) - 1 for n in range(9)], dtype=np.uint64)
# An odd multiplier that mixes the words of a range of bytes into one number.
_MIX = np.uint64(0x9E3779B97F4A7C15)
_NAME_ENDS = re.compile(rb"[\s/>]")
_TAG = re.compile(rb"<[^>\"']*+(?:(?:\"[^\"]*+\"|'[^']*+')[^>\"']*+)*+>")
_PADDING = b"\0" * 64


class Broken(Exception):
    """Tags that are not XML, or features that do not nest as features do."""


def scan(block: bytes, kinds: tuple[str, ...], fields: tuple[str, ...]) -> dict[str, ScannedTable]:
    """A table for each of ``kinds`` with the features of ``block``, which holds whole
    features only; ``fields`` are the names that may be read from them."""
    names = kinds + tuple(name for name in fields if name not in kinds)
    tags = _Tags(block, names, len(kinds))
    opened, closed = _features(tags, len(kinds))
    kind_of = tags.name[opened]
    return {
        kind: ScannedTable(tags, names, opened[kind_of == number], closed[kind_of == number])
        for number, kind in enumerate(kinds)
    }


class ScannedTable:
    """The features of one kind in a block, in file order; fields are read on demand."""

    def __init__(
        self, tags: _Tags, names: tuple[str, ...], opened: np.ndarray, closed: np.ndarray
    ) -> None:
        self._tags, self._names = tags, names
        self._opened, self._closed = opened, closed
        self._first: dict[str, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self._opened)

    def head(self, row: int) -> bytes:
        """The attributes of the feature's start tag, as written."""
        tag = self._opened[row]
        return self._tags.block[self._tags.name_end[tag] : self._tags.end[tag]]

    def heads(self) -> tuple[bytes, np.ndarray, np.ndarray]:
        """Bytes that hold all features' start-tag attributes (the block), and where each
        starts and ends in them."""
        return self._tags.block, self._tags.name_end[self._opened], self._tags.end[self._opened]

    def attribute(self, name: str | None, key: str) -> list[str]:
        """Attribute ``key`` of field ``name``'s tag (of the feature's own start tag when
        ``name`` is None); '' where there is none."""
        values, index = self.attribute_groups(name, key)
        return [values[number] for number in index.tolist()]

    def attribute_groups(self, name: str | None, key: str) -> tuple[list[str], np.ndarray]:
        """``attribute``'s values, each once (they come again and again: every point of a
        street links to it), and for each feature the index of its value among them."""
        tag = self._opened if name is None else self._field(name)
        present = tag >= 0
        tags = self._tags
        starts, ends = tags.name_end[tag[present]], tags.end[tag[present]]
        group, sample, same = tags.distinct(starts, ends)
        values = [attribute(region, key) for region in tags.slices(starts[sample], ends[sample])]
        for row in np.flatnonzero(~same).tolist():
            group[row] = len(values)
            values.append(attribute(tags.block[starts[row] : ends[row]], key))
        index = np.full(len(tag), len(values), dtype=np.int64)
        index[present] = group
        return [*values, ""], index

    def attributes_of_all(self, name: str, key: str) -> list[list[str]]:
        """Attribute ``key`` of each of field ``name``'s tags in each feature."""
        found, feature = self._inside(name)
        tags = self._tags
        result: list[list[str]] = [[] for _ in range(len(self))]
        regions = tags.slices(tags.name_end[found], tags.end[found])
        for row, region in zip(feature.tolist(), regions):
            result[row].append(attribute(region, key))
        return result

    def has(self, name: str) -> np.ndarray:
        """Whether each feature has field ``name``."""
        return self._field(name) >= 0

    def text(self, name: str) -> list[str]:
        """The text of field ``name``, stripped; '' where the feature has none."""
        starts, ends = self._text(name)
        joined = self._tags.joined(starts, ends, b"\0").decode()
        values = joined.split("\0")[:-1]
        if "&" in joined:
            return [_unescaped(value) if "&" in value else value for value in values]
        return values

    def numbers(self, name: str) -> tuple[np.ndarray, np.ndarray] | None:
        """The numbers written in field ``name`` (a ``gml:pos``), as one array, and how many
        each feature has; None if one of them is not a plain decimal number."""
        starts, ends = self._text(name)
        if not len(starts):
            return np.zeros(0), np.zeros(0, dtype=np.int64)
        joined = self._tags.joined(starts, ends, b" ")
        written = np.frombuffer(joined, dtype=np.uint8)
        if not _IS_NUMERIC[written].all():
            return None
        token = ~_IS_WHITESPACE[written]
        token[1:] &= _IS_WHITESPACE[written[:-1]]
        counts = np.add.reduceat(token, np.concatenate([[0], np.cumsum(ends - starts + 1)[:-1]]))
        if not counts.any():
            return np.zeros(0), counts
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            try:
                numbers = np.fromstring(joined, dtype=np.float64, sep=" ")
            except (ValueError, DeprecationWarning):
                return None
        if len(numbers) != counts.sum():
            return None
        return numbers, counts

    def _field(self, name: str) -> np.ndarray:
        """For each feature, its first start tag of field ``name``; -1 where it has none."""
        if name not in self._first:
            first = np.full(len(self._opened), -1, dtype=np.int64)
            found, feature = self._inside(name)
            leading = np.ones(len(feature), dtype=bool)
            leading[1:] = feature[1:] != feature[:-1]
            first[feature[leading]] = found[leading]
            self._first[name] = first
        return self._first[name]

    def _inside(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """The start tags of field ``name`` inside the features, and the feature of each."""
        tags = self._tags
        found = tags.fields[tags.name[tags.fields] == self._names.index(name)]
        if not len(self._opened):
            return found[:0], found[:0]
        feature = np.searchsorted(self._opened, found) - 1
        inside = (feature >= 0) & (found < self._closed[np.maximum(feature, 0)])
        return found[inside], feature[inside]

    def _text(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """Where each feature's text of field ``name`` starts and ends, stripped (empty where
        it has none)."""
        tag = self._field(name)
        present = tag >= 0
        tags = self._tags
        starts = np.where(present, tags.end[tag] + 1, 0)
        ends = np.where(present, tags.next[tag], 0)
        return tags.stripped(starts, ends)


class _Tags:
    """Every tag of a block: where it starts, where its name and the tag end, where the
    next tag starts, whether it closes an element, and which of ``names`` it is (-1: none;
    the first ``kinds`` names are told in close tags too, the others in start tags only,
    which ``fields`` lists)."""

    def __init__(self, block: bytes, names: tuple[str, ...], kinds: int) -> None:
        self.block = block
        padded = block + _PADDING
        self.data = np.frombuffer(padded, dtype=np.uint8)
        # The 8 bytes from each position, as one little-endian word.
        self.words = np.ndarray((len(padded) - 7,), dtype="<u8", buffer=padded, strides=(1,))
        data = self.data[: len(block)]
        marks = np.flatnonzero((data | 2) == 0x3E)  # "<" and ">"
        opens = np.flatnonzero(data[marks] == 0x3C)
        if len(opens) and (opens[-1] + 1 == len(marks) or (data[marks[opens + 1]] != 0x3E).any()):
            raise Broken  # a "<" inside a tag, or one never closed
        self.start, self.end = marks[opens], marks[opens + 1]
        self.next = np.append(self.start[1:], len(block))
        # A ">" may stand in an attribute's quoted value: where more than one comes before
        # the next "<", the tag's end is looked for with the quotes in mind.
        for tag in np.flatnonzero(np.diff(opens, append=len(marks)) > 2).tolist():
            found = _TAG.match(block, int(self.start[tag]))
            if found is None or found.end() > self.next[tag]:
                raise Broken
            self.end[tag] = found.end() - 1
        self.closing = self.data[self.start + 1] == 0x2F  # "/"
        self.name = np.full(len(self.start), -1, dtype=np.int64)
        self.name_end = self.end.copy()
        self._read_start_tags(np.flatnonzero(~self.closing), names)
        self.fields = np.flatnonzero(self.name >= kinds)  # close tags are named for kinds only
        self._read_close_tags(np.flatnonzero(self.closing), names[:kinds])

    def _read_start_tags(self, tags: np.ndarray, names: tuple[str, ...]) -> None:
        """Set ``name`` and ``name_end`` of start ``tags``.

        Tags whose first bytes (up to their end) are the same are the same kind of tag, and
        a block has few kinds: each distinct window is read once, in Python. A tag whose
        name goes on after its window is read by itself.
        """
        after = self.start[tags] + 1
        size = np.minimum(self.end[tags] - after, _WINDOW)
        kind, sample, same = self.distinct(after, after + size)
        name, offset = (np.array(column, dtype=np.int64) for column in zip(*(
            _read_start_tag(self.block[at : at + length], names)
            for at, length in zip(after[sample].tolist(), size[sample].tolist())
        ))) if len(sample) else (sample, sample)
        self.name[tags], self.name_end[tags] = name[kind], after + offset[kind]
        for tag in tags[(offset[kind] < 0) | ~same].tolist():
            at = int(self.start[tag]) + 1
            name_of, end = _read_start_tag(self.block[at : int(self.end[tag])], names, whole=True)
            self.name[tag], self.name_end[tag] = name_of, at + end

    def distinct(
        self, starts: np.ndarray, ends: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The ranges grouped by their bytes: the group of each, a range of each group (its
        sample), and whether each range's bytes are its sample's.

        Groups are found by a number mixed from a range's length and 8-byte words; a range
        whose number collides with another's is found not to be the same as its sample.
        """
        lengths = ends - starts
        mixed = lengths.astype(np.uint64)
        words = []
        for at in range(0, int(lengths.max(initial=0)), 8):
            words.append(self.words[starts + at] & _LOW_BYTES[np.clip(lengths - at, 0, 8)])
            mixed = mixed * _MIX + words[-1]
        numbers = np.unique(mixed)
        group = np.searchsorted(numbers, mixed)
        sample = np.empty(len(numbers), dtype=np.int64)
        sample[group] = np.arange(len(group))
        same = lengths == lengths[sample][group]
        for word in words:
            same &= word == word[sample][group]
        return group, sample, same

    def _read_close_tags(self, tags: np.ndarray, kinds: tuple[str, ...]) -> None:
        """Set ``name`` of the close ``tags`` of ``kinds``: those that end in a kind's name
        after "</" or a prefix's ":" (or in whitespace, read one by one)."""
        ends = self.end[tags]
        last = self.words[np.maximum(ends - 8, 0)]
        for number, kind in enumerate(kinds):
            written = kind.encode()
            ending = int.from_bytes((b"\0" * 8 + written)[-8:], "little")
            shift = np.uint64(8 * max(0, 8 - len(written)))
            candidates = tags[(ends > len(written) + 1) & (
                (last >> shift) == np.uint64(ending >> int(shift))
            )]
            if not len(candidates):
                continue
            before = self.end[candidates][:, None] - len(written) - 1 + np.arange(len(written) + 1)
            found = (self.data[before[:, 1:]] == np.frombuffer(written, dtype=np.uint8)).all(axis=1)
            found &= np.isin(self.data[before[:, 0]], (0x3A, 0x2F))  # ":" or "/"
            self.name[candidates[found]] = number
        for tag in tags[_IS_WHITESPACE[self.data[ends - 1]]].tolist():
            name = self.block[int(self.start[tag]) + 2 : int(self.end[tag])].rstrip(_WHITESPACE)
            local = name[name.find(b":") + 1 :].decode(errors="replace")
            self.name[tag] = kinds.index(local) if local in kinds else -1

    def stripped(self, starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The ranges without the ASCII whitespace around them (as ``bytes.strip``)."""
        starts, ends = starts.copy(), ends.copy()
        while (lead := (starts < ends) & _IS_WHITESPACE[self.data[starts]]).any():
            starts += lead
        while (trail := (starts < ends) & _IS_WHITESPACE[self.data[ends - 1]]).any():
            ends -= trail
        return starts, ends

    def joined(self, starts: np.ndarray, ends: np.ndarray, separator: bytes = b"") -> bytes:
        """The ranges' bytes, each followed by ``separator`` (at most one byte)."""
        lengths = ends - starts + len(separator)
        after = np.cumsum(lengths)
        if not len(after):
            return b""
        index = np.arange(after[-1]) + np.repeat(starts - (after - lengths), lengths)
        out: np.ndarray = self.data[index]
        if separator:
            out[after - 1] = separator[0]
        return out.tobytes()

    def slices(self, starts: np.ndarray, ends: np.ndarray) -> list[bytes]:
        """The bytes of each range (none holds a NUL: XML has none)."""
        if not len(starts):
            return []
        return self.joined(starts, ends, b"\0").split(b"\0")[:-1]


def _read_start_tag(window: bytes, names: tuple[str, ...], whole: bool = False) -> tuple[int, int]:
    """Which of ``names`` the local name of the start tag whose bytes after "<" begin with
    ``window`` is (-1: none), and where its name ends in ``window``; -1 there when the
    window ends before the name does and the name could be one of ``names`` (unless the
    window is the ``whole`` tag)."""
    found = _NAME_ENDS.search(window)
    if found is None and not whole and len(window) == _WINDOW:
        if b":" not in window:
            return -1, -1  # the prefix, if it is one, goes on
        begun = window[window.index(b":") + 1 :]
        if any(name.encode().startswith(begun) for name in names):
            return -1, -1
        return -1, len(window)
    end = found.start() if found is not None else len(window)
    qualified = window[:end]
    local = qualified[qualified.index(b":") + 1 :] if b":" in qualified else qualified
    name = local.decode(errors="replace")
    return names.index(name) if name in names else -1, end


def _features(tags: _Tags, kinds: int) -> tuple[np.ndarray, np.ndarray]:
    """The tags that open and close each feature; a feature written as an empty-element
    tag opens and closes at the same tag."""
    kind_tags = np.flatnonzero((tags.name >= 0) & (tags.name < kinds))
    empty = ~tags.closing[kind_tags] & (tags.data[tags.end[kind_tags] - 1] == 0x2F)  # "/>"
    paired = kind_tags[~empty]
    opened, closed = paired[0::2], paired[1::2]
    if (
        len(paired) % 2
        or tags.closing[opened].any()
        or not tags.closing[closed].all()
        or (tags.name[opened] != tags.name[closed]).any()
    ):
        raise Broken
    alone = kind_tags[empty]
    if len(alone):
        inside = np.searchsorted(opened, alone) - 1
        if len(opened) and ((inside >= 0) & (alone < closed[np.maximum(inside, 0)])).any():
            raise Broken  # a feature inside a feature
        order = np.argsort(np.concatenate([opened, alone]), kind="stable")
        opened = np.concatenate([opened, alone])[order]
        closed = np.concatenate([closed, alone])[order]
    return opened, closed


def _unescaped(value: str) -> str:
    return html.unescape(value).strip(_WHITESPACE.decode())


def attribute(attributes: bytes, name: str) -> str:
    """The value of attribute ``name`` (any prefix, either quote) in a start tag's
    attributes; '' if it has none."""
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
