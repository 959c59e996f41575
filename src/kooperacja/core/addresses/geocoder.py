"""Matching written addresses to register points, offline.

The cascade stops at the first step that finds the written street: exact key, learnt
alias, street-name variant (main part, with or without first names and titles), a
locality written before the street, a village address (locality + number), a surname
written in the nominative ("Słowacki" for Słowackiego), a name with words cut short
("W. Polskiego", "Kościuszk."), and last a street within a few typing errors. A point
on another street than the one written is a defect, so every step says ``ambiguous``,
``street_only`` or ``unmatched`` rather than guess: the last three steps take a street
only when no other street fits about as well, and the typing-error step only when the
street has the written number.

"22/24" is building 22, flat 24, unless the register holds a point numbered "22/24"
(or "22-24", "22 24"); then it is that point.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from kooperacja.core.addresses.fuzzy import FuzzyStreets, allowed_edits
from kooperacja.core.addresses.index import AddressIndex
from kooperacja.core.addresses.normalise import (
    AMBIGUOUS_NUMBER,
    TRAILING_TEXT,
    ParsedAddress,
    parse_address,
)
from kooperacja.core.addresses.streets import (
    StreetKey,
    genitive_variants,
    given_names_agree,
    is_given_name,
    street_key_from_tokens,
)
from kooperacja.core.addresses.text import fold_address

STATUSES = ("matched", "ambiguous", "street_only", "unmatched")
_SCORES = {
    "exact": 1.0,
    "alias": 1.0,
    "variant": 0.95,
    "locality_number": 1.0,
    "nominative": 0.95,
    "shortened": 0.9,
}
#: Edits by which a typing-error match must beat every other street's name.
FUZZY_MARGIN = 1
# A match within a few edits where only the last few letters differ is another word
# of one stem ("Piastowska" / "Piastowskie"), not a typing error.
_ENDING = 3
_VOWELS = frozenset("aeiouy")
_POSTCODE_WORD = re.compile(r"^\d{2}-?\d{3}$")
_LOCALITY_WORDS = frozenset({"m", "miasto", "gm", "gmina", "wies", "miejscowosc", "msc"})


@dataclass(frozen=True, slots=True)
class Match:
    """The outcome for one address.

    Attributes
    ----------
    status : str
        ``matched``, ``ambiguous``, ``street_only`` or ``unmatched``.
    score : float
        Confidence 0-1 of the street found (0 when none).
    method : str
        The step that decided: ``exact``, ``alias``, ``variant``, ``nominative``,
        ``shortened``, ``fuzzy``, ``locality_number``; or why nothing was decided:
        ``ambiguous_number``, ``near_streets`` (several streets fit about as well),
        ``unknown_locality``, ``no_street``, ``not_found``, ``empty``.
    row : int
        Register row of the point when ``matched``, else -1.
    """

    status: str
    score: float
    method: str
    row: int = -1


@dataclass(frozen=True)
class GeocodeResult:
    """Outcomes of a batch, one element per input address.

    Attributes
    ----------
    status, method : ndarray of str
    score : ndarray of float32
    row : ndarray of int64
        Register row of the matched point, -1 unless ``status == "matched"``.
    n_distinct : int
        Distinct (address, locality) pairs actually matched.
    """

    status: np.ndarray
    score: np.ndarray
    method: np.ndarray
    row: np.ndarray
    n_distinct: int

    def __len__(self) -> int:
        return len(self.row)

    def counts(self) -> dict[str, int]:
        """Number of addresses per status."""
        values, counts = np.unique(self.status, return_counts=True)
        found = dict(zip(values.tolist(), counts.tolist()))
        return {status: int(found.get(status, 0)) for status in STATUSES}


# After the lookups by key: a name in the nominative, then one written short.
BY_NAMES = ("nominative", "shortened")


def street_lookups(street: StreetKey) -> tuple[tuple[str, str, str], ...]:
    """The order in which a written street is looked up by its keys, as (method, kind of
    key, key): the one order of matching (:meth:`Geocoder.geocode`) and of the choices
    offered for an address not matched (:meth:`Geocoder.candidates`)."""
    return (
        ("exact", "full", street.full),
        ("alias", "alias", street.full),
        ("variant", "main", street.main),
        ("variant", "main", street.full),
        ("variant", "initials", street.initials),
    )


def _unmatched(reason: str) -> Match:
    return Match("unmatched", 0.0, reason)


class Geocoder:
    """Matches addresses as offices write them to the points of an :class:`AddressIndex`.

    Parameters
    ----------
    index : AddressIndex
        The register.
    ambiguous_numbers : {"flag", "first_building"}
        What to do with a range "10-12" when the register has no point numbered
        "10-12" (or "10/12", "10 12"): ``flag`` (default) answers ``ambiguous``;
        ``first_building`` takes building 10, with a score of at most 0.95. A slash
        ("10/12", "12 m. 4" likewise) is always building 10, flat 12, unless the register
        holds the double-numbered point "10/12".
    """

    def __init__(
        self,
        index: AddressIndex,
        *,
        ambiguous_numbers: Literal["flag", "first_building"] = "flag",
    ) -> None:
        self.index = index
        self.ambiguous_numbers = ambiguous_numbers
        self._fuzzy = FuzzyStreets(index)
        self._locality_cache: dict[str, tuple[int, ...]] = {}

    def match(self, address: object, locality: object = None) -> Match:
        """Match one address.

        Parameters
        ----------
        address : str
            The address field as written ("ul. Gen. J. Bema 12a m. 3").
        locality : str, optional
            The locality column, when the data has one; it decides between streets of
            one name in several localities.

        Returns
        -------
        Match
        """
        if not isinstance(address, str) or not address.strip():
            return _unmatched("empty")
        parsed = parse_address(address)
        if isinstance(locality, str) and locality.strip():
            localities = self._find_locality(locality)
            if not localities:
                return _unmatched("unknown_locality")
        elif parsed.locality:
            localities = self._find_locality(parsed.locality)
            # A locality after a comma or a postcode is meant; words after the number
            # may be anything ("parter"), so only a known locality counts there.
            if not localities and TRAILING_TEXT not in parsed.flags:
                return _unmatched("unknown_locality")
        else:
            localities = ()
        return self._match_parsed(parsed, localities or None, split=True)

    def geocode(
        self,
        addresses: Sequence[object] | np.ndarray,
        localities: Sequence[object] | np.ndarray | None = None,
    ) -> GeocodeResult:
        """Match a batch; each distinct (address, locality) pair is matched once.

        Parameters
        ----------
        addresses : sequence of str
            Address fields.
        localities : sequence of str, optional
            Locality column, parallel to ``addresses``.

        Returns
        -------
        GeocodeResult
        """
        codes, uniques = pd.factorize(np.asarray(addresses, dtype=object), use_na_sentinel=False)
        pairs_localities: np.ndarray | None = None
        if localities is not None:
            locality_values = np.asarray(localities, dtype=object)
            if len(locality_values) != len(codes):
                raise ValueError(f"{len(codes)} addresses but {len(locality_values)} localities.")
            loc_codes, loc_uniques = pd.factorize(locality_values, use_na_sentinel=False)
            codes, pair_uniques = pd.factorize(codes * len(loc_uniques) + loc_codes)
            pairs_localities = loc_uniques[pair_uniques % len(loc_uniques)]
            uniques = uniques[pair_uniques // len(loc_uniques)]
        n = len(uniques)
        status = np.empty(n, dtype=np.int8)
        method_names: dict[str, int] = {}
        method = np.empty(n, dtype=np.int16)
        score = np.empty(n, dtype=np.float32)
        row = np.empty(n, dtype=np.int64)
        for i, address in enumerate(uniques.tolist()):
            where = None if pairs_localities is None else pairs_localities[i]
            found = self.match(address, where)
            status[i] = STATUSES.index(found.status)
            method[i] = method_names.setdefault(found.method, len(method_names))
            score[i] = found.score
            row[i] = found.row
        return GeocodeResult(
            status=np.array(STATUSES)[status][codes],
            score=score[codes],
            method=np.array(list(method_names) or [""])[method][codes],
            row=row[codes],
            n_distinct=n,
        )

    def _find_locality(self, text: str) -> tuple[int, ...]:
        cached = self._locality_cache.get(text)
        if cached is not None:
            return cached
        words = [w for w in fold_address(text).split() if not _POSTCODE_WORD.match(w)]
        while len(words) > 1 and words[0] in _LOCALITY_WORDS:
            words = words[1:]
        key = " ".join(words)
        found = self.index.localities_named(key)
        if not found and allowed_edits(key):
            found = self._nearest_locality(key)
        self._locality_cache[text] = found
        return found

    def _nearest_locality(self, key: str) -> tuple[int, ...]:
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        names = self.index.locality_keys()
        near = process.extract(
            key, names, scorer=OSA.distance, score_cutoff=allowed_edits(key), limit=2
        )
        if len(near) == 1 or (len(near) == 2 and near[0][1] < near[1][1]):
            return self.index.localities_named(near[0][0])
        return ()

    def _match_parsed(
        self, parsed: ParsedAddress, localities: tuple[int, ...] | None, *, split: bool
    ) -> Match:
        street = parsed.street
        if not street.full:
            if localities is None:
                return _unmatched("no_street")
            return self._village(parsed, localities) or _unmatched("not_found")
        for method, kind, key in street_lookups(street):
            sids = self.index.streets(kind, key, localities)
            if sids:
                return self._decide(sids, parsed, method, _SCORES[method], localities)
        if split and (found := self._after_leading_locality(parsed, localities)):
            return found
        return (
            self._village(parsed, localities, by_name=True)
            or next((found for method in BY_NAMES
                     if (found := self._by_names(parsed, localities, method))), None)
            or self._nearest_street(parsed, localities)
        )

    def _named(
        self, parsed: ParsedAddress, localities: tuple[int, ...] | None, method: str
    ) -> dict[str, list[int]]:
        """Streets a nominative or shortened name may mean, by their main key."""
        found: dict[str, list[int]] = {}
        words: Sequence[str]
        if method == "nominative":
            for words in genitive_variants(parsed.street.full.split()):
                given = 0
                while given < len(words) - 1 and is_given_name(words[given]):
                    given += 1
                if all(w.isdigit() or is_given_name(w) for w in words[given:]):
                    given = 0  # "Mieszka I", "Jana Pawła II": the numeral is no name
                full, main = " ".join(words), " ".join(words[given:])
                for kind, text in (("full", full), ("main", main)):
                    for sid in self.index.streets(kind, text, localities):
                        sids = found.setdefault(self._main(sid), [])
                        if sid not in sids:
                            sids.append(sid)
            return found
        words = parsed.street.full.split()
        short = [w in parsed.cut or (len(w) == 1 and w.isalpha()) for w in words]
        if not any(short) or not words:
            return found
        for sid in self.index.streets_ending(words[-1], localities, prefix=short[-1]):
            key = self.index.street_key(sid)
            if key is not None and _written_short(words, short, key.full, key.main):
                found.setdefault(key.main, []).append(sid)
        return found

    def _main(self, sid: int) -> str:
        key = self.index.street_key(sid)
        return "" if key is None else key.main

    def _by_names(
        self, parsed: ParsedAddress, localities: tuple[int, ...] | None, method: str
    ) -> Match | None:
        """Match a name in the nominative or written short, if one street fits it."""
        found = self._named(parsed, localities, method)
        if not found:
            return None
        if len(found) > 1:
            return Match("unmatched", _SCORES[method], "near_streets")
        sids = next(iter(found.values()))
        key = self.index.street_key(sids[0])
        assert key is not None
        # Narrowing and first names compare with the name the register writes.
        meant = dataclasses.replace(key, street_type=parsed.street.street_type)
        return self._decide(
            sids, dataclasses.replace(parsed, street=meant), method, _SCORES[method], localities
        )

    def _after_leading_locality(
        self, parsed: ParsedAddress, localities: tuple[int, ...] | None
    ) -> Match | None:
        """Match "Konotop Podgórna 2": a locality written before the street."""
        tokens = parsed.tokens
        for size in range(1, min(4, len(tokens))):
            named = self.index.localities_named(" ".join(tokens[:size]))
            if localities is not None:
                named = tuple(loc for loc in named if loc in localities)
            if not named:
                continue
            rest = tokens[size:]
            shorter = dataclasses.replace(parsed, street=street_key_from_tokens(rest), tokens=rest)
            found = self._match_parsed(shorter, named, split=False)
            if found.status != "unmatched":
                return found
        return None

    def _village(
        self, parsed: ParsedAddress, localities: tuple[int, ...] | None, *, by_name: bool = False
    ) -> Match | None:
        """Match a street-less address: locality + number ("Żubrów 21A")."""
        if by_name:
            # Exact names only: a fuzzy search of every locality per unknown street
            # would cost more than the street search it precedes.
            named = self.index.localities_named(parsed.street.full)
            if localities is not None:
                named = tuple(loc for loc in named if loc in localities)
            localities = named
        if not localities:
            return None
        sids = [s for s in (self.index.streetless(loc) for loc in localities) if s >= 0]
        if not sids:
            return None
        return self._decide(sids, parsed, "locality_number", 1.0, localities)

    def _near(
        self, parsed: ParsedAddress, localities: tuple[int, ...] | None
    ) -> tuple[dict[str, list[int]], int]:
        """Streets within a few typing errors, by main key, nearest first, that fit about as
        well as the nearest (:data:`FUZZY_MARGIN`); and the nearest one's number of edits."""
        street = parsed.street
        near = self._fuzzy.near((street.full, street.main), localities)
        last = street.full.rsplit(" ", 1)[-1]
        if not near and len(last) >= 8 and last != street.main:
            # The last word alone, when long, survives a misspelt title or first name;
            # only then, as one word is weaker evidence than the whole name.
            near = self._fuzzy.near((last,), localities)
        near = {
            sid: d
            for sid, d in near.items()
            if self._given_fit(street.given, sid) and not self._other_ending(street, d, sid)
        }
        if not near:
            return {}, 0
        best = min(near.values())
        close: dict[str, list[int]] = {}
        for sid, d in sorted(near.items(), key=lambda item: item[1]):
            if d <= best + FUZZY_MARGIN:
                close.setdefault(self._main(sid), []).append(sid)
        return close, best

    def _given_fit(self, given: tuple[str, ...], sid: int) -> bool:
        """Whether the first names or initials written fit street ``sid``'s: a typing
        error in the surname of "Bartosza Gowackiego" is not Juliusza Słowackiego's."""
        key = self.index.street_key(sid)
        return key is None or given_names_agree(given, key.given)

    def _other_ending(self, street: StreetKey, edits: int, sid: int) -> bool:
        """Whether the written name and street ``sid``'s are two words of one stem.

        More than one edit, all in the last few letters ("Piastowska" / "Piastowskie"),
        or one final vowel for another ("Pocztowa" / "pl. Pocztowy"): another word, not
        a typing error.
        """
        key = self.index.street_key(sid)
        if key is None:
            return False
        for written, register in ((street.main, key.main), (street.full, key.full)):
            if edits == 1:
                if (
                    len(written) == len(register)
                    and written[-1:] in _VOWELS
                    and register[-1:] in _VOWELS
                    and written[:-1] == register[:-1]
                ):
                    return True
                continue
            common = len(os.path.commonprefix([written, register]))
            if max(len(written), len(register)) - common <= _ENDING:
                return True
        return False

    def _nearest_street(self, parsed: ParsedAddress, localities: tuple[int, ...] | None) -> Match:
        close, best = self._near(parsed, localities)
        if not close:
            return _unmatched("not_found")
        size = max(len(parsed.street.main.replace(" ", "")), 1)
        score = round(max(0.0, 1.0 - best / size), 3)
        if len(close) > 1:
            # The typing error could be in either name: a person decides.
            return Match("unmatched", score, "near_streets")
        sids = next(iter(close.values()))
        if parsed.number:
            sids = [sid for sid in sids if self._number_exists(sid, parsed)]
            if not sids:
                return _unmatched("not_found")
        return self._decide(sids, parsed, "fuzzy", score, localities)

    def _number_exists(self, sid: int, parsed: ParsedAddress) -> bool:
        if self.index.row(sid, parsed.number) >= 0:
            return True
        return parsed.double_number and self.index.row(sid, parsed.written_number) >= 0

    def candidates(self, address: object, locality: object = None, limit: int = 20) -> list[int]:
        """Register rows a person may choose from for an address not matched.

        Parameters
        ----------
        address : str
            The address field as written.
        locality : str, optional
            The locality column.
        limit : int
            At most this many rows.

        Returns
        -------
        list of int
            Rows of the written number on every street the name may mean: by its keys,
            in the nominative, written short, or within a few typing errors (those that
            fit about as well as the nearest); the street-less addresses of the locality
            when no street is written.
        """
        if not isinstance(address, str) or not address.strip():
            return []
        parsed = parse_address(address)
        where = locality if isinstance(locality, str) and locality.strip() else parsed.locality
        localities = self._find_locality(where) if where else ()
        street = parsed.street
        sids: list[int] = []
        if street.full:
            for _, kind, key in street_lookups(street):
                sids += self.index.streets(kind, key, localities or None)
            for method in BY_NAMES:
                sids += [s for group in self._named(parsed, localities or None, method).values()
                         for s in group]
            sids += [s for group in self._near(parsed, localities or None)[0].values()
                     for s in group]
        else:
            sids += [s for s in (self.index.streetless(loc) for loc in localities) if s >= 0]
        rows: list[int] = []
        for sid in dict.fromkeys(sids):
            row = self.index.row(sid, parsed.written_number) if parsed.double_number else -1
            row = row if row >= 0 else self.index.row(sid, parsed.number)
            if row >= 0 and row not in rows:
                rows.append(row)
        return rows[:limit]

    def _decide(
        self,
        sids: list[int],
        parsed: ParsedAddress,
        method: str,
        score: float,
        localities: tuple[int, ...] | None,
    ) -> Match:
        if len(sids) > 1 and len({self.index.locality_of(s) for s in sids}) == 1:
            sids = self._narrow(sids, parsed)
        if len(sids) > 1:
            return self._by_postcode(sids, parsed, method, score)
        sid = sids[0]
        key = self.index.street_key(sid)
        if localities is None and key is not None and self._elsewhere_too(sid, key.main):
            return self._by_postcode(
                self.index.streets("main", key.main, None), parsed, method, score
            )
        if key is not None and not given_names_agree(parsed.street.given, key.given):
            score = min(score, 0.9)
        if not parsed.number:
            return Match("street_only", score, method)
        row = self._row(sid, parsed)
        if row == -2:
            return Match("ambiguous", score, "ambiguous_number")
        if row < 0:
            return Match("street_only", score, method)
        if AMBIGUOUS_NUMBER in parsed.flags and self.index.row(sid, parsed.written_number) < 0:
            # A range read as its first building: a reading, not what was written.
            score = min(score, 0.95)
        if localities is None and key is not None and self._village_too(parsed, key.full):
            return Match("ambiguous", score, method)
        return Match("matched", score, method, row)

    def _row(self, sid: int, parsed: ParsedAddress) -> int:
        """Row of the written number on street ``sid``; -1 none, -2 a range ("10-12")
        the register does not hold, which may mean two buildings."""
        if parsed.double_number:
            row = self.index.row(sid, parsed.written_number)
            if row >= 0:
                return row
            if AMBIGUOUS_NUMBER in parsed.flags and self.ambiguous_numbers == "flag":
                return -2
        return self.index.row(sid, parsed.number)

    def _elsewhere_too(self, sid: int, main: str) -> bool:
        """Whether a street of this name exists in another locality too.

        Steps that look only at streets with the written number (fuzzy, narrowing)
        would otherwise pick the one locality where the number happens to exist.
        """
        home = self.index.locality_of(sid)
        return any(
            self.index.locality_of(other) != home
            for other in self.index.streets("main", main, None)
        )

    def _village_too(self, parsed: ParsedAddress, key: str) -> bool:
        """Whether a village of this name has the number too ("Lipowa 5")."""
        return any(
            self.index.row(self.index.streetless(loc), parsed.number) >= 0
            for loc in self.index.localities_named(key)
        )

    def _narrow(self, sids: list[int], parsed: ParsedAddress) -> list[int]:
        """Keep the streets that fit the written type, first names and full key."""
        written = parsed.street
        keys = {sid: self.index.street_key(sid) for sid in sids}
        tests: tuple[Callable[[StreetKey], bool], ...] = (
            lambda k: (
                k.street_type == written.street_type
                or (k.street_type == "" and written.street_type == "ul")
            ),
            lambda k: given_names_agree(written.given, k.given),
            lambda k: k.full == written.full,
        )
        for test in tests:
            if written.street_type == "" and test is tests[0]:
                continue
            kept = [s for s in sids if (key := keys[s]) is None or test(key)]
            if kept:
                sids = kept
        return sids

    def _by_postcode(
        self, sids: list[int], parsed: ParsedAddress, method: str, score: float
    ) -> Match:
        """One street in several places: the postcode may tell which."""
        if parsed.postcode and parsed.number:
            rows = [self._row(s, parsed) for s in sids]
            fits = [r for r in rows if r >= 0 and self.index.postcode_at(r) == parsed.postcode]
            if len(fits) == 1:
                return Match("matched", score, method, fits[0])
        return Match("ambiguous", score, method)


def _written_short(words: Sequence[str], short: list[bool], full: str, main: str) -> bool:
    """Whether a name written with words cut short or to initials fits a register name.

    The written words must fit the register name's last words one by one (equal, or a
    short word the start of the register's word) and cover at least its main part:
    "w polskiego" fits "wojska polskiego", "t kosciuszk" fits "tadeusza kosciuszki".
    """
    register = full.split()
    if not len(main.split()) <= len(words) <= len(register):
        return False
    tail = register[len(register) - len(words) :]
    return all(
        w == r or (cut and r.startswith(w) and r != w)
        for w, cut, r in zip(words, short, tail)
    ) and any(w != r for w, r in zip(words, tail))
