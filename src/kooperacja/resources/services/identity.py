"""Which stored resource a row of an imported file is (docs/imports.md).

A file's id column identifies its rows only when every row has an id and no id repeats
(QGIS, for one, writes a fresh ``id`` field that is 0 or empty in every row). Otherwise, and
for rows whose id is new, a row is the stored entry of the same file with the same name
(compared without case, accents, spacing and punctuation) within ``SAME_PLACE_M`` metres.
Each stored entry answers to one row at most, so two rows never become one entry.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np
from scipy.spatial import cKDTree

from kooperacja.core.errors import gettext_noop as N_
from kooperacja.core.metric import to_metric
from kooperacja.core.tables import header_key

# Re-geocoding the same address gives the same point; a point redrawn in a GIS moves
# a little. Ten metres keeps two entries of one name in neighbouring buildings apart.
SAME_PLACE_M = 10.0


@dataclass(frozen=True)
class Stored:
    """A resource already imported from a file of the same name."""

    pk: int
    source_id: str
    name: str
    lon: float | None
    lat: float | None


@dataclass(frozen=True)
class Incoming:
    """A row about to be stored: its id (empty unless the file's ids are usable), name, place."""

    id: str
    name: str
    lon: float
    lat: float


@dataclass(frozen=True)
class IdProblem:
    """Why the file's id column does not identify its rows; a message and its parameters."""

    message: str
    params: dict[str, object]


def id_problem(column: str, ids: list[str]) -> IdProblem | None:
    """None when every row has an id and no id repeats; otherwise what is wrong with them."""
    empty = sum(1 for value in ids if not value)
    if empty:
        return IdProblem(N_("the id column %(column)s is empty in %(empty)s of %(rows)s rows, "
                            "so rows are told apart by name and place (within %(metres)s m)"),
                         {"column": column, "empty": empty, "rows": len(ids),
                          "metres": int(SAME_PLACE_M)})
    value, times = Counter(ids).most_common(1)[0] if ids else ("", 0)
    if times > 1:
        return IdProblem(N_("the id column %(column)s has the value %(value)s in %(times)s of "
                            "%(rows)s rows, so rows are told apart by name and place (within "
                            "%(metres)s m)"),
                         {"column": column, "value": value, "times": times, "rows": len(ids),
                          "metres": int(SAME_PLACE_M)})
    return None


def match(incoming: list[Incoming], stored: list[Stored], crs: str) -> list[int | None]:
    """For each incoming row, the pk of the stored entry it updates, or None for a new one.

    Rows with an id take the entry with that id; the rest take the nearest unclaimed entry
    of the same name within ``SAME_PLACE_M`` (the closest pairs first).
    """
    found: list[int | None] = [None] * len(incoming)
    claimed: set[int] = set()
    by_id: dict[str, int] = {}
    for entry in sorted(stored, key=lambda s: s.pk):
        if entry.source_id:
            by_id.setdefault(entry.source_id, entry.pk)
    for i, row in enumerate(incoming):
        pk = by_id.get(row.id) if row.id else None
        if pk is not None and pk not in claimed:
            found[i] = pk
            claimed.add(pk)
    rows = [i for i, pk in enumerate(found) if pk is None]
    entries = [e for e in stored
               if e.pk not in claimed and e.lon is not None and e.lat is not None]
    if not rows or not entries:
        return found
    here = to_metric([incoming[i].lon for i in rows], [incoming[i].lat for i in rows], crs)
    there = to_metric([e.lon for e in entries], [e.lat for e in entries], crs)
    names = [header_key(e.name) for e in entries]
    pairs = []
    for r, near in enumerate(cKDTree(there).query_ball_point(here, SAME_PLACE_M)):
        name = header_key(incoming[rows[r]].name)
        for e in near:
            if names[e] == name:
                pairs.append((float(np.hypot(*(here[r] - there[e]))), r, e))
    for _, r, e in sorted(pairs):
        if found[rows[r]] is None and entries[e].pk not in claimed:
            found[rows[r]] = entries[e].pk
            claimed.add(entries[e].pk)
    return found
