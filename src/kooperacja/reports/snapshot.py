"""A report as JSON and back (a saved report keeps what it showed), and what changed
between two of them.

Figures' PNGs are kept as base64. ``changes`` compares two snapshots chapter by chapter:
which chapters differ, and for tables found in both (by chapter and caption) the cells
whose text differs, matched by the row's first cell and the column's header.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from kooperacja.reports.services.document import (
    Block,
    Chapter,
    Figure,
    Paragraph,
    Recommendations,
    Report,
    Table,
)

FORMAT = 1


def _table(table: Table) -> dict[str, Any]:
    return {
        "caption": table.caption,
        "columns": list(table.columns),
        "rows": [list(r) for r in table.rows],
        "note": table.note,
    }


def _block(block: Block) -> dict[str, Any]:
    if isinstance(block, Paragraph):
        return {"kind": "paragraph", "text": block.text}
    if isinstance(block, Table):
        return {"kind": "table", **_table(block)}
    if isinstance(block, Figure):
        return {
            "kind": "figure",
            "caption": block.caption,
            "alt": block.alt,
            "png": base64.b64encode(block.png).decode("ascii"),
            "table": _table(block.table) if block.table is not None else None,
        }
    if isinstance(block, Recommendations):
        return {"kind": "recommendations", "rows": [list(r) for r in block.rows]}
    raise TypeError(f"not a report block: {block!r}")


def dump(report: Report) -> dict[str, Any]:
    """``report`` as plain JSON data."""
    return {
        "format": FORMAT,
        "title": report.title,
        "territory": report.territory,
        "period": report.period,
        "since": report.since,
        "audience": report.audience,
        "chapters": [
            {
                "key": c.key,
                "title": c.title,
                "empty_note": c.empty_note,
                "blocks": [_block(b) for b in c.blocks],
            }
            for c in report.chapters
        ],
        "sources": list(report.sources),
        "parameters": json.loads(json.dumps(report.parameters, default=str)),
        "fingerprint": report.fingerprint,
    }


def _load_table(data: dict[str, Any]) -> Table:
    return Table(
        data["caption"],
        tuple(data["columns"]),
        tuple(tuple(r) for r in data["rows"]),
        data.get("note", ""),
    )


def _load_block(data: dict[str, Any]) -> Block:
    kind = data["kind"]
    if kind == "paragraph":
        return Paragraph(data["text"])
    if kind == "table":
        return _load_table(data)
    if kind == "figure":
        table = data.get("table")
        return Figure(
            data["caption"],
            base64.b64decode(data["png"]),
            data["alt"],
            _load_table(table) if table else None,
        )
    if kind == "recommendations":
        return Recommendations(tuple(tuple(r) for r in data["rows"]))
    raise ValueError(f"not a report block: {kind}")


def load(data: dict[str, Any]) -> Report:
    """The report :func:`dump` wrote."""
    return Report(
        title=data["title"],
        territory=data["territory"],
        period=data["period"],
        since=data.get("since"),
        audience=data["audience"],
        chapters=tuple(
            Chapter(
                c["key"],
                c["title"],
                tuple(_load_block(b) for b in c["blocks"]),
                c.get("empty_note", ""),
            )
            for c in data["chapters"]
        ),
        sources=tuple(data.get("sources", ())),
        parameters=dict(data.get("parameters", {})),
        fingerprint=data.get("fingerprint", ""),
    )


def chapter_digest(chapter: dict[str, Any]) -> str:
    """A hash of a dumped chapter's content (its figures' images left out: a map redrawn
    from the same numbers may differ in bytes; its table says what it shows)."""
    blocks = [{k: v for k, v in b.items() if k != "png"} for b in chapter["blocks"]]
    text = json.dumps(
        [chapter["title"], chapter.get("empty_note", ""), blocks],
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class Cell:
    table: str
    row: str
    column: str
    before: str
    after: str


@dataclass(frozen=True)
class ChapterChange:
    key: str
    title: str
    kind: str  # "changed", "added", "removed"
    cells: Sequence[Cell] = ()
    more_cells: int = 0


@dataclass
class Changes:
    same_inputs: bool
    chapters: list[ChapterChange] = field(default_factory=list)
    parameters: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def nothing(self) -> bool:
        return not self.chapters and not self.parameters


def _tables(chapter: dict[str, Any]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for block in chapter["blocks"]:
        table = block if block["kind"] == "table" else block.get("table")
        if table:
            found.setdefault(table["caption"], table)
    return found


def _cells(before: dict[str, Any], after: dict[str, Any], caption: str) -> list[Cell]:
    def grid(table: dict[str, Any]) -> dict[tuple[str, str], str]:
        columns = table["columns"]
        return {
            (str(row[0]) if row else "", str(columns[i])): str(cell)
            for row in table["rows"]
            for i, cell in enumerate(row[1:], start=1)
            if i < len(columns)
        }

    old, new = grid(before), grid(after)
    return [
        Cell(caption, row, column, old[(row, column)], new[(row, column)])
        for (row, column) in new
        if (row, column) in old and old[(row, column)] != new[(row, column)]
    ]


def changes(before: dict[str, Any], after: dict[str, Any], *, cell_limit: int = 20) -> Changes:
    """What changed from the dumped report ``before`` to ``after``."""
    found = Changes(
        same_inputs=bool(before.get("fingerprint"))
        and before.get("fingerprint") == after.get("fingerprint")
    )
    old = {c["key"]: c for c in before["chapters"]}
    new = {c["key"]: c for c in after["chapters"]}
    for key, chapter in new.items():
        if key not in old:
            found.chapters.append(ChapterChange(key, chapter["title"], "added"))
        elif chapter_digest(chapter) != chapter_digest(old[key]):
            cells: list[Cell] = []
            old_tables = _tables(old[key])
            for caption, table in _tables(chapter).items():
                if caption in old_tables:
                    cells += _cells(old_tables[caption], table, caption)
            found.chapters.append(
                ChapterChange(
                    key,
                    chapter["title"],
                    "changed",
                    cells[:cell_limit],
                    max(0, len(cells) - cell_limit),
                )
            )
    for key, chapter in old.items():
        if key not in new:
            found.chapters.append(ChapterChange(key, chapter["title"], "removed"))
    params_before, params_after = before.get("parameters", {}), after.get("parameters", {})
    for name in sorted(set(params_before) | set(params_after)):
        a, b = params_before.get(name), params_after.get(name)
        if a != b:
            found.parameters.append(
                (name, "" if a is None else str(a), "" if b is None else str(b))
            )
    return found
