"""What a file may ask of the readers: limits that keep a malformed or hostile file (a
ZIP or XLSX "bomb", an endless line, an XML entity bomb, a binary file) from taking the
machine's memory or time, and the one safe way to parse XML (docs/imports.md, "Limits").

Every limit is far above what the files offices and registers send hold, and every refusal
names the file and the limit.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import IO, Any

from lxml import etree

from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_

# A spreadsheet cell holds at most 32 767 characters; no cell of an office file holds more.
MAX_CELL_CHARS = 32_767
# One line of a CSV file (any number of cells).
MAX_LINE_CHARS = 1 << 20
# Excel's own limits on a sheet: a declared or actual size beyond them is not a workbook
# a person saved.
MAX_SHEET_ROWS = 1_048_576
MAX_SHEET_COLUMNS = 16_384
# What one member of a ZIP (an XLSX is one) may unpack to, and how much larger than its
# packed size it may be: text and XML pack 5 to 30 times; a bomb packs a thousand times.
MAX_MEMBER_BYTES = 8 << 30
MAX_PACKED_RATIO = 200
# A ratio is only judged on members large enough to matter.
RATIO_FROM_BYTES = 16 << 20
# The shared strings of a workbook are held in memory while it is read.
MAX_SHARED_STRINGS_BYTES = 256 << 20
# Bytes read to tell a text file from a binary one.
SNIFF_BYTES = 64 * 1024


class FileLimitError(UserError):
    """A file that is not what it says, or asks more of the reader than any real file."""


def check_text(path: Path | str, sample: bytes) -> None:
    """Refuse a file whose first bytes are not text (a NUL byte, which no CSV in UTF-8,
    Windows-1250 or ISO-8859-2 holds; UTF-16 is told by its byte-order mark)."""
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return
    if b"\x00" in sample:
        raise FileLimitError(path, N_("this is not a text (CSV) file; export the table as "
                                      "CSV or XLSX"))


def check_member_name(path: Path | str, name: str) -> None:
    """Refuse an archive member whose name climbs out of the archive (``..``) or is
    absolute; a well-made archive has neither."""
    pure = PurePosixPath(name.replace("\\", "/"))
    if pure.is_absolute() or ".." in pure.parts or (name[1:2] == ":" and name[:1].isalpha()):
        raise FileLimitError(path, N_("the archive holds a member with an absolute path or "
                                      "'..' in its name; pack the files again without folders "
                                      "above them"))


def check_archive(path: Path | str, members: Iterable[zipfile.ZipInfo] | None = None) -> None:
    """Refuse a ZIP with a member named outside it, or one that unpacks to more than
    ``MAX_MEMBER_BYTES`` or more than ``MAX_PACKED_RATIO`` times its packed size.

    The sizes are those the archive declares; :mod:`zipfile` never unpacks more than the
    declared size (and fails the checksum if the data are longer), so they bound what is
    read.
    """
    if members is None:
        try:
            with zipfile.ZipFile(path) as archive:
                members = archive.infolist()
        except (zipfile.BadZipFile, OSError, EOFError):
            raise FileLimitError(path, N_("not a readable ZIP archive")) from None
    for info in members:
        check_member_name(path, info.filename)
        if info.file_size > MAX_MEMBER_BYTES or (
            info.file_size > RATIO_FROM_BYTES
            and info.file_size > MAX_PACKED_RATIO * max(info.compress_size, 1)
        ):
            raise FileLimitError(
                path, N_("a member unpacks to %(size)s MB from %(packed)s MB, more than any "
                         "real file does; this archive is refused"),
                {"size": info.file_size >> 20, "packed": info.compress_size >> 20},
            )


def iterparse(source: IO[bytes] | str | Path, **options: Any) -> Any:
    """lxml's ``iterparse`` that never resolves entities, loads a DTD or reaches the
    network, and keeps libxml2's limits on the size of a text node and the depth of the
    tree (no ``huge_tree``): an entity bomb or an external entity stays unread."""
    return etree.iterparse(
        source, resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
        **options,
    )


def release(element: etree._Element) -> None:
    """Empty and detach an element read by ``iterparse``, with whatever came before it, so
    a stream holds one element at a time."""
    element.clear(keep_tail=False)  # type: ignore[call-arg]  # lxml-stubs predates keep_tail
    node = element
    parent = node.getparent()
    while parent is not None:
        while node.getprevious() is not None:
            del parent[0]
        node, parent = parent, parent.getparent()
