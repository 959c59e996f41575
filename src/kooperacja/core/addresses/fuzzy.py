"""Street names within a few typing errors, for addresses no exact key finds."""

from __future__ import annotations

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA, Levenshtein

from kooperacja.core.addresses.index import AddressIndex


def allowed_edits(key: str) -> int:
    """Typing errors tolerated in a street key of this length.

    Short names get none: "Polna" and "Pola" are one edit apart and both exist. Names
    under ten letters get one: two edits turn "Słowacka" into "Słowicza" and "Lipowska"
    into "Lwowska", other streets, not typing errors.
    """
    size = len(key.replace(" ", ""))
    if size < 5:
        return 0
    if size < 10:
        return 1
    if size < 13:
        return 2
    return 3


def sorted_words(key: str) -> str:
    """The words of a key in alphabetical order, so "krajowej armii" meets "armii krajowej"."""
    return " ".join(sorted(key.split()))


class FuzzyStreets:
    """Street keys of an index, grouped by locality, for edit-distance search."""

    def __init__(self, index: AddressIndex) -> None:
        self._index = index
        self._choices: dict[tuple[int, ...] | None, tuple[list[str], list[list[int]]]] = {}

    def _choices_for(self, localities: tuple[int, ...] | None) -> tuple[list[str], list[list[int]]]:
        cached = self._choices.get(localities)
        if cached is not None:
            return cached
        owners: dict[str, list[int]] = {}
        for sid in self._index.streets_in(localities):
            key = self._index.street_key(sid)
            assert key is not None
            for variant in {key.full, key.main, sorted_words(key.full), sorted_words(key.main)}:
                owners.setdefault(variant, []).append(sid)
        cached = (list(owners), list(owners.values()))
        self._choices[localities] = cached
        return cached

    def near(self, keys: tuple[str, ...], localities: tuple[int, ...] | None) -> dict[int, int]:
        """Streets within :func:`allowed_edits` of any of ``keys``.

        Parameters
        ----------
        keys : tuple of str
            Street keys as written (full and main part).
        localities : tuple of int or None
            Search only these localities; None searches all.

        Returns
        -------
        dict
            Street id -> smallest number of edits (optimal string alignment distance,
            so a swap of two letters is one edit) from any of ``keys``.
        """
        choices, owners = self._choices_for(localities)
        best: dict[int, int] = {}
        written = [variant for k in keys if k for variant in (k, sorted_words(k))]
        queries = [key for key in dict.fromkeys(written) if allowed_edits(key)]
        if not queries or not choices:
            return best
        # Levenshtein counts a swap of two letters as two edits, OSA as one: a
        # Levenshtein pass (vectorised over all choices) with twice the limit keeps
        # every candidate, and OSA decides on the few that pass.
        widest = 2 * max(allowed_edits(key) for key in queries)
        rough = process.cdist(
            queries,
            choices,
            scorer=Levenshtein.distance,
            score_cutoff=widest,
            dtype=np.int32,
            workers=1,
        )
        for qi, at in zip(*np.nonzero(rough <= widest)):
            key = queries[qi]
            limit = allowed_edits(key)
            distance = OSA.distance(key, choices[at], score_cutoff=limit)
            if distance > limit:
                continue
            for sid in owners[at]:
                if distance < best.get(sid, limit + 1):
                    best[sid] = int(distance)
        return best
