"""Where a register file's bytes come from (a file, or members of a ZIP) and which format
they are in."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import IO, cast

from kooperacja.core.errors import gettext_noop as N_
from kooperacja.core.limits import check_archive
from kooperacja.core.prg.errors import PrgReadError

FORMATS = ("prg2012", "prg2021", "csv")
SNIFF_BYTES = 64 * 1024
_DATA_SUFFIXES = (".gml", ".xml", ".csv", ".txt")

# Namespaces and element names that tell the two GML models apart.
_MARKERS = {
    "prg2012": (b"panstwowyRejestrGranicAdresy", b"PRG_PunktAdresowy"),
    "prg2021": (b"geoportal.gov.pl/schemas/prgad", b"AD_PunktAdresowy"),
}
_CSV_MARKERS = (b"lokalny_id", b"numer_porzadkowy")


@dataclass(frozen=True)
class Source:
    """One readable stream: ``name`` for messages, ``open`` gives a fresh binary handle,
    ``size`` is how many bytes it holds (uncompressed)."""

    name: str
    open: Callable[[], IO[bytes]]
    size: int = 0

    def sample(self) -> bytes:
        with self.open() as handle:
            return handle.read(SNIFF_BYTES)

    def counted(self, report: Callable[[int], None]) -> Source:
        """The same stream, calling ``report`` with how far into it any handle has read
        whenever that grows (reading its start again, as a sniff does, reports nothing)."""
        furthest = [0]

        def read_to(position: int) -> None:
            if position > furthest[0]:
                furthest[0] = position
                report(position)

        return replace(self, open=lambda: cast(IO[bytes], _Counted(self.open(), read_to)))


class _Counted(io.BufferedIOBase):
    """A binary handle that tells ``read_to`` its position after every read."""

    def __init__(self, handle: IO[bytes], read_to: Callable[[int], None]) -> None:
        self._handle, self._read_to, self._position = handle, read_to, 0

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        return self._advanced(self._handle.read(-1 if size is None else size))

    def read1(self, size: int = -1) -> bytes:
        return self._advanced(self._handle.read1(size))  # type: ignore[attr-defined]

    def close(self) -> None:
        self._handle.close()
        super().close()

    def _advanced(self, data: bytes) -> bytes:
        self._position += len(data)
        self._read_to(self._position)
        return data


def detect_format(sample: bytes) -> str | None:
    """``prg2012``, ``prg2021`` or ``csv`` from the first bytes of a file; None if neither."""
    head = sample.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        for name, markers in _MARKERS.items():
            if any(marker in head for marker in markers):
                return name
        return None
    first_line = head.split(b"\n", 1)[0].lower()
    if all(marker in first_line for marker in _CSV_MARKERS):
        return "csv"
    return None


def open_sources(path: Path | str, format: str | None = None) -> list[tuple[Source, str]]:
    """The streams to read in ``path`` and the format of each.

    A ZIP is read member by member without extracting it. GUGiK's bulk archive holds the
    same points in both GML models; unless ``format`` says otherwise only the 2021 model
    (the current one) is read, so no point comes twice.

    Raises
    ------
    PrgReadError
        If the file is missing, holds no register data, or is not in the ``format`` given.
    """
    path = Path(path)
    if format is not None and format not in FORMATS:
        raise PrgReadError(path, N_("unknown format %(format)s; use one of %(formats)s"),
                           {"format": format, "formats": ", ".join(FORMATS)})
    if not path.is_file():
        raise PrgReadError(path, N_("file not found"))
    if zipfile.is_zipfile(path):
        return _zip_sources(path, format)
    source = Source(str(path), lambda: path.open("rb"), path.stat().st_size)
    return [(source, _checked_format(source, format))]


def _checked_format(source: Source, format: str | None) -> str:
    detected = detect_format(source.sample())
    if detected is None and format is None:
        raise PrgReadError(
            source.name,
            N_("not a PRG address file: expected GML of model 2012 (PRG_PunktAdresowy), "
               "model 2021 (AD_PunktAdresowy) or the converted CSV with a lokalny_id column"),
        )
    if detected is not None and format is not None and detected != format:
        raise PrgReadError(
            source.name, N_("the file is in format %(detected)s, not %(format)s; "
                            "give --format %(detected)s or leave --format out"),
            {"detected": detected, "format": format},
        )
    return format or detected  # type: ignore[return-value]


def _zip_sources(path: Path, format: str | None) -> list[tuple[Source, str]]:
    with zipfile.ZipFile(path) as archive:
        check_archive(path, archive.infolist())
        members = sorted(
            (info.filename, info.file_size) for info in archive.infolist()
            if not info.is_dir() and PurePosixPath(info.filename).suffix.lower() in _DATA_SUFFIXES
        )
    found: dict[str, list[Source]] = {}
    for member, size in members:
        source = Source(f"{path}::{PurePosixPath(member).name}", _member_opener(path, member), size)
        detected = detect_format(source.sample())
        if detected is not None:
            found.setdefault(detected, []).append(source)
    chosen = format or next((name for name in ("prg2021", "prg2012", "csv") if name in found), None)
    if chosen is None or chosen not in found:
        raise PrgReadError(
            path, N_("the archive holds no %(format)s address file (members: %(members)s)"),
            {"format": chosen or "PRG", "members": ", ".join(m for m, _ in members) or "none"},
        )
    return [(source, chosen) for source in found[chosen]]


def _member_opener(path: Path, member: str) -> Callable[[], IO[bytes]]:
    def open_member() -> IO[bytes]:
        # An open member keeps the archive's file open after the ZipFile itself is closed.
        with zipfile.ZipFile(path) as archive:
            return archive.open(member)

    return open_member
