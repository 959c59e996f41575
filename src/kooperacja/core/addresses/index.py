"""The address register held in memory for matching.

Streets are interned: each (locality, street name) pair gets a small integer id, each
distinct building number another, and every point is one int64 key ``street << 32 |
number`` in a sorted array. A 7.5-million-point register then costs about 150 MB and no
per-point Python object.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from kooperacja.core.addresses.streets import StreetKey, street_key
from kooperacja.core.addresses.text import fold_address

_NUMBER_BITS = 32


_DOUBLE = re.compile(r"^0*(\d+)\s*([A-Z]?)\s*[/\-\s]\s*0*(\d+)\s*([A-Z]?)$")


def normalise_number(number: str) -> str:
    """Write a register building number the way the parser writes one.

    "012 a" -> "12A"; a double number ("22/24", "22-24", "22 24") -> "22/24", the form
    the parser gives as ``written_number`` for any of them.
    """
    text = str(number).strip().upper()
    if m := _DOUBLE.match(text):
        first, first_letter, second, second_letter = m.groups()
        return f"{int(first)}{first_letter}/{int(second)}{second_letter}"
    text = "".join(text.split())
    digits = len(text) - len(text.lstrip("0123456789"))
    if digits and text[:digits].strip("0"):
        text = str(int(text[:digits])) + text[digits:]
    return text


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _as_objects(values: Sequence[str | None] | np.ndarray) -> np.ndarray:
    array = np.asarray(values, dtype=object)
    if array.ndim != 1:
        raise ValueError(f"Register columns must be one-dimensional, got shape {array.shape}.")
    return array


class AddressIndex:
    """Address points of a register, interned for fast matching.

    Build it with :meth:`build`; row ``i`` of the register columns is point ``i``, and
    every match reports that row.

    Attributes
    ----------
    n_points, n_streets, n_localities : int
        Sizes of the register; street-less addresses of a locality count as one street.
    """

    def __init__(self) -> None:
        self.n_points = 0
        self._keys = np.empty(0, dtype=np.int64)
        self._rows = np.empty(0, dtype=np.int32)
        self._number_ids: dict[str, int] = {}
        self._postcodes: list[str] = []
        self._row_postcode: np.ndarray | None = None
        self._street_locality = np.empty(0, dtype=np.int32)
        self._street_keys: list[StreetKey | None] = []
        self._street_names: list[str] = []
        self._locality_names: list[str] = []
        self._localities_by_key: dict[str, tuple[int, ...]] = {}
        self._streetless: dict[int, int] = {}
        self._named_streets: dict[int, list[int]] = {}
        # Last word of each street key -> street ids, and the words sorted, built on the
        # first search for a name written short ("W. Polskiego", "Kościuszk.").
        self._by_last_word: dict[str, list[int]] | None = None
        self._last_words: list[str] = []
        # kind ("full", "main", "initials", "alias") -> key -> locality -> street ids
        self._by_key: dict[str, dict[str, dict[int, list[int]]]] = {
            "full": {},
            "main": {},
            "initials": {},
            "alias": {},
        }

    @property
    def n_streets(self) -> int:
        return len(self._street_keys)

    @property
    def n_localities(self) -> int:
        return len(self._locality_names)

    @classmethod
    def build(
        cls,
        locality: Sequence[str] | np.ndarray,
        street: Sequence[str | None] | np.ndarray,
        number: Sequence[str] | np.ndarray,
        *,
        locality_id: Sequence[str] | np.ndarray | None = None,
        postcode: Sequence[str | None] | np.ndarray | None = None,
        aliases: Iterable[tuple[str, str, str | None]] = (),
    ) -> AddressIndex:
        """Index register points given as parallel columns.

        Parameters
        ----------
        locality : sequence of str
            Locality name of each point ("Konotop").
        street : sequence of str or None
            Full street name as the register writes it; "" or None for a street-less
            (village) address.
        number : sequence of str
            Building number ("21A").
        locality_id : sequence of str, optional
            SIMC id of each point's locality; tells apart localities with one name.
        postcode : sequence of str, optional
            Postcode of each point; used to tell apart one street in two localities.
        aliases : iterable of (written, register street, locality or None)
            Street names as offices write them, resolved in the review queue.

        Returns
        -------
        AddressIndex
        """
        localities = _as_objects(locality)
        streets = _as_objects(street)
        numbers = _as_objects(number)
        if not len(localities) == len(streets) == len(numbers):
            raise ValueError(
                "Register columns differ in length: "
                f"locality {len(localities)}, street {len(streets)}, number {len(numbers)}."
            )
        index = cls()
        index.n_points = len(numbers)
        loc_of_row = index._intern_localities(localities, locality_id)
        street_codes, street_uniques = pd.factorize(streets)
        # "" and None both mean a street-less (village) address: one code for both.
        blank = np.array([not _text(u).strip() for u in street_uniques] + [True])
        street_codes = np.where(blank[street_codes], -1, street_codes)
        pairs = loc_of_row.astype(np.int64) * (len(street_uniques) + 1) + (street_codes + 1)
        street_of_row, pair_uniques = pd.factorize(pairs)
        index._intern_streets(pair_uniques, street_uniques)
        number_of_row = index._intern_numbers(numbers)
        keys = (street_of_row.astype(np.int64) << _NUMBER_BITS) | number_of_row
        order = np.argsort(keys, kind="stable")
        index._keys = keys[order]
        index._rows = order.astype(np.int32)
        if postcode is not None:
            codes, uniques = pd.factorize(_as_objects(postcode))
            index._postcodes = [_text(p) for p in uniques]
            index._row_postcode = codes.astype(np.int32)
        for written, target, where in aliases:
            index.add_alias(written, target, where)
        return index

    def _intern_localities(
        self, localities: np.ndarray, locality_id: Sequence[str] | np.ndarray | None
    ) -> np.ndarray:
        identity = localities if locality_id is None else _as_objects(locality_id)
        codes, uniques = pd.factorize(identity, use_na_sentinel=False)
        first_rows = np.empty(len(uniques), dtype=np.int64)
        # Assignment through a reversed index keeps the first row of each locality.
        first_rows[codes[::-1]] = np.arange(len(codes) - 1, -1, -1)
        self._locality_names = [_text(localities[r]) for r in first_rows.tolist()]
        by_key: dict[str, list[int]] = defaultdict(list)
        for loc, name in enumerate(self._locality_names):
            by_key[fold_address(name)].append(loc)
        self._localities_by_key = {k: tuple(v) for k, v in by_key.items()}
        return codes

    def _intern_streets(self, pair_uniques: np.ndarray, street_uniques: np.ndarray) -> None:
        width = len(street_uniques) + 1
        self._street_locality = (pair_uniques // width).astype(np.int32)
        name_codes = pair_uniques % width - 1
        for sid, (loc, code) in enumerate(zip(self._street_locality.tolist(), name_codes.tolist())):
            name = _text(street_uniques[code]) if code >= 0 else ""
            key = street_key(name) if name.strip() else None
            self._street_names.append(name)
            self._street_keys.append(key)
            if key is None:
                self._streetless[loc] = sid
                continue
            self._named_streets.setdefault(loc, []).append(sid)
            for kind, text in (("full", key.full), ("main", key.main), ("initials", key.initials)):
                self._by_key[kind].setdefault(text, {}).setdefault(loc, []).append(sid)

    def _intern_numbers(self, numbers: np.ndarray) -> np.ndarray:
        codes, uniques = pd.factorize(numbers)
        ids = np.empty(len(uniques) + 1, dtype=np.int64)
        for code, raw in enumerate(uniques):
            text = normalise_number(_text(raw) or str(raw))
            ids[code] = self._number_ids.setdefault(text, len(self._number_ids))
        ids[-1] = self._number_ids.setdefault("", len(self._number_ids))
        return ids[codes]

    def add_alias(self, written: str, street: str, locality: str | None = None) -> int:
        """Teach the index that ``written`` means the register street ``street``.

        Parameters
        ----------
        written : str
            The street as an office writes it ("Armii Czerwonej" for a renamed street).
        street : str
            The register's street name.
        locality : str, optional
            Limit the alias to this locality.

        Returns
        -------
        int
            Number of register streets the alias points to.
        """
        localities = None if locality is None else self.localities_named(locality)
        sids = self.streets("full", street_key(street).full, localities)
        if not sids:
            where = f" in {locality}" if locality else ""
            raise ValueError(f"Alias {written!r}: no street {street!r}{where} in the register.")
        by_locality = self._by_key["alias"].setdefault(street_key(written).full, {})
        for sid in sids:
            bucket = by_locality.setdefault(self.locality_of(sid), [])
            if sid not in bucket:
                bucket.append(sid)
        return len(sids)

    def localities_named(self, name: str) -> tuple[int, ...]:
        """Ids of the localities whose folded name is ``name`` (folded or not)."""
        return self._localities_by_key.get(fold_address(name), ())

    def locality_keys(self) -> list[str]:
        """Folded names of all localities."""
        return list(self._localities_by_key)

    def streets(self, kind: str, key: str, localities: tuple[int, ...] | None) -> list[int]:
        """Street ids under a key of ``kind`` ("full", "main", "initials", "alias")."""
        by_locality = self._by_key[kind].get(key)
        if not by_locality:
            return []
        if localities is None:
            return [sid for sids in by_locality.values() for sid in sids]
        return [sid for loc in localities for sid in by_locality.get(loc, ())]

    def streets_ending(
        self, word: str, localities: tuple[int, ...] | None, *, prefix: bool = False
    ) -> list[int]:
        """Street ids whose name ends in ``word`` (folded), or in a word starting with it.

        Parameters
        ----------
        word : str
            The last word of a name as written.
        localities : tuple of int or None
            Only streets of these localities; None for all.
        prefix : bool
            Also the names whose last word merely starts with ``word`` ("kosciuszk").
        """
        if self._by_last_word is None:
            by_last: dict[str, list[int]] = defaultdict(list)
            for sid, key in enumerate(self._street_keys):
                if key is not None:
                    by_last[key.full.rsplit(" ", 1)[-1]].append(sid)
            self._by_last_word = dict(by_last)
            self._last_words = sorted(by_last)
        if prefix:
            at = bisect.bisect_left(self._last_words, word)
            words = list(itertools.takewhile(lambda w: w.startswith(word), self._last_words[at:]))
        else:
            words = [word]
        sids = [sid for w in words for sid in self._by_last_word.get(w, ())]
        if localities is not None:
            wanted = set(localities)
            sids = [sid for sid in sids if self.locality_of(sid) in wanted]
        return sids

    def street_key(self, sid: int) -> StreetKey | None:
        """Keys of street ``sid``; None for the street-less addresses of a locality."""
        return self._street_keys[sid]

    def street_name(self, sid: int) -> str:
        return self._street_names[sid]

    def locality_of(self, sid: int) -> int:
        return int(self._street_locality[sid])

    def locality_name(self, loc: int) -> str:
        return self._locality_names[loc]

    def streetless(self, loc: int) -> int:
        """Street id of the street-less addresses of locality ``loc``, -1 if none."""
        return self._streetless.get(loc, -1)

    def streets_in(self, localities: tuple[int, ...] | None) -> list[int]:
        """Ids of the named streets in ``localities`` (all when None)."""
        if localities is None:
            return [s for s, k in enumerate(self._street_keys) if k is not None]
        return [sid for loc in localities for sid in self._named_streets.get(loc, ())]

    def row(self, sid: int, number: str) -> int:
        """Register row of building ``number`` on street ``sid``, -1 if it has none."""
        nid = self._number_ids.get(number)
        if nid is None or sid < 0:
            return -1
        key = (sid << _NUMBER_BITS) | nid
        at = int(np.searchsorted(self._keys, key))
        if at < len(self._keys) and self._keys[at] == key:
            return int(self._rows[at])
        return -1

    def knows_number(self, number: str) -> bool:
        return number in self._number_ids

    def postcode_at(self, row: int) -> str | None:
        """Postcode of register row ``row``, None when the register has none."""
        if self._row_postcode is None or row < 0:
            return None
        code = int(self._row_postcode[row])
        return None if code < 0 else self._postcodes[code]

    def memory_bytes(self) -> int:
        """Bytes held by the point arrays (the per-street dictionaries are extra)."""
        extra = 0 if self._row_postcode is None else self._row_postcode.nbytes
        return int(self._keys.nbytes + self._rows.nbytes + self._street_locality.nbytes + extra)
