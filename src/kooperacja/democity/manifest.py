"""The manifest: what the demo files are, how to load them, and what they should show."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class FileInfo:
    """One file the generator wrote.

    `path` is relative to the manifest's directory; `fields` are the columns or attribute
    fields in file order; `load` holds the options the platform's import command needs.
    """

    path: str
    format: str
    fields: tuple[str, ...]
    rows: int
    encoding: str | None = None
    crs: str | None = None
    separator: str | None = None
    layer: str | None = None
    sheet: str | None = None
    sidecars: tuple[str, ...] = ()
    load: dict[str, Any] = field(default_factory=dict)
    notes: str = ""


@dataclass(frozen=True)
class Manifest:
    """Everything about one build of the demo city (written as manifest.json).

    Attributes
    ----------
    city : name, TERYT-like codes (fictional), localities, area, residents, streets.
    files : key → FileInfo for city, districts, estates, addresses, population, mops, pup,
        resources.
    districts, estates : one dict per unit with its true counts and rates.
    hot_spots : the planted clusters of need (estate codes, districts) and their rates.
    underserved : the high-need district(s) with few resources.
    mops, pup : persons, families, planted bad rows, address spelling tallies.
    overlap : persons in both extracts and same-training counts per district and city.
    resources : counts per kind and per district.
    periods : per period ("2023", ...): its files' keys, residents, the counts and rates per
        estate and district, mops, pup and overlap as above, and the persons continuing
        from the period before.
    trend : the periods, the estates where need was planted to grow or fall, each estate's
        growth of need, and the estates whose rates changed most from the first period to
        the last.
    """

    generator: str
    version: int
    seed: int
    scale: int
    fictional: bool
    city: dict[str, Any]
    files: dict[str, FileInfo]
    districts: list[dict[str, Any]]
    estates: list[dict[str, Any]]
    hot_spots: dict[str, Any]
    underserved: dict[str, Any]
    mops: dict[str, Any]
    pup: dict[str, Any]
    overlap: dict[str, Any]
    resources: dict[str, Any]
    periods: dict[str, Any] = field(default_factory=dict)
    trend: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The manifest as plain JSON-ready data."""
        return asdict(self)

    def write(self, path: Path) -> None:
        """Write as UTF-8 JSON, keys in a fixed order."""
        path.write_text(
            json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )

    @classmethod
    def read(cls, path: Path) -> Manifest:
        """Read a manifest.json written by `write`."""
        data = json.loads(path.read_text(encoding="utf-8"))
        files = {}
        for key, info in data.pop("files").items():
            info["fields"] = tuple(info["fields"])
            info["sidecars"] = tuple(info["sidecars"])
            files[key] = FileInfo(**info)
        return cls(files=files, **data)
