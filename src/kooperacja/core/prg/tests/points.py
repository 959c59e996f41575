"""Reading a whole (small) register file into plain records for assertions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kooperacja.core.prg import COLUMNS, read_addresses


def read_records(path: Path, **kwargs: Any) -> list[dict[str, Any]]:
    records = []
    for chunk in read_addresses(path, **kwargs):
        columns = chunk.as_dict()
        assert tuple(columns) == COLUMNS
        records += [{name: columns[name][i] for name in COLUMNS} for i in range(len(chunk))]
    return records


def by_address(records: list[dict[str, Any]]) -> dict[tuple[str, str, str], dict[str, Any]]:
    return {(r["locality"], r["street"], r["number"]): r for r in records}
