"""Street names reduced to the keys people and registers share.

The register writes "ul. Gen. Józefa Bema"; offices write "gen. J. Bema", "Generała
Bema", "BEMA". All of them reduce to the main part "bema" (TERYT NAZWA_1); the full key
"jozefa bema" (NAZWA_2 + NAZWA_1) tells two patrons with one surname apart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from kooperacja.core.addresses.text import fold_address
from kooperacja.core.addresses.vocabulary import (
    ABBREVIATIONS,
    FIRST_NAMES,
    ORDINAL_TEENS,
    ORDINAL_TENS,
    ORDINAL_UNITS,
    STREET_TYPES,
    TITLES,
    TRAILING_MARKERS,
)

_ROMAN = re.compile(r"^[ivxlc]+$")
_DIGITS_WITH_SUFFIX = re.compile(r"^(\d+)(?:go|ego)$")
_LONGEST_ABBREVIATION = max(len(k) for k in ABBREVIATIONS)


@dataclass(frozen=True, slots=True)
class StreetKey:
    """A street name reduced for matching.

    Attributes
    ----------
    street_type : str
        Canonical type ("ul", "al", "pl", "os", "rondo", ...), "" when not written.
    full : str
        All words of the name without type and titles, e.g. "jozefa bema", "3 maja".
    main : str
        The main part without leading first names and initials, e.g. "bema".
    given : tuple of str
        The leading first names or initials dropped from ``full`` to get ``main``.
    initials : str
        ``full`` with leading first names cut to initials: "j p ii" for "Jana Pawła II"
        and for "J. Pawła II".
    """

    street_type: str
    full: str
    main: str
    given: tuple[str, ...]
    initials: str

    @property
    def variants(self) -> tuple[str, ...]:
        """Distinct keys under which the street can be found: full, then main."""
        return (self.full,) if self.full == self.main else (self.full, self.main)


def _expand_abbreviations(tokens: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for size in range(_LONGEST_ABBREVIATION, 0, -1):
            words = ABBREVIATIONS.get(tuple(tokens[i : i + size]))
            if words is not None:
                out.extend(words)
                i += size
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


def _ordinals_to_digits(tokens: list[str]) -> list[str]:
    """Write "trzeciego", "3go", "3 go" and "3" the same way: "3"."""
    out: list[str] = []
    for token in tokens:
        suffixed = _DIGITS_WITH_SUFFIX.match(token)
        if suffixed:
            out.append(suffixed.group(1))
        elif token in ("go", "ego") and out and out[-1].isdigit():
            continue
        elif token in ORDINAL_UNITS and out and out[-1] in _TENS_WRITTEN:
            out[-1] = str(int(out[-1]) + ORDINAL_UNITS[token])
        elif token in ORDINAL_UNITS or token in ORDINAL_TEENS:
            out.append(str(ORDINAL_UNITS.get(token) or ORDINAL_TEENS[token]))
        elif token in ORDINAL_TENS:
            out.append(str(ORDINAL_TENS[token]))
        else:
            out.append(token)
    return out


_TENS_WRITTEN = frozenset(str(v) for v in ORDINAL_TENS.values())


def is_given_name(token: str) -> bool:
    """Whether a folded word may be a first name or an initial ("jozefa", "j", "ii")."""
    return (
        token in FIRST_NAMES or (len(token) == 1 and token.isalpha()) or bool(_ROMAN.match(token))
    )


def street_key_from_tokens(tokens: Sequence[str]) -> StreetKey:
    """Reduce the folded words of a street name to its keys.

    Parameters
    ----------
    tokens : sequence of str
        Folded words (see :func:`kooperacja.core.addresses.text.fold_address`) of the street
        part of an address, without building number.

    Returns
    -------
    StreetKey
        Type, full key and main part. A word is dropped only when something remains,
        so "Rynek" stays "rynek" and "Jana Pawła II" keeps all three words as main part.
    """
    words = _ordinals_to_digits(_expand_abbreviations(list(tokens)))
    street_type = ""
    # "Zielone Wzgórza os.", "Popiełuszki ks.": the type or title written after the name.
    while len(words) > 1 and words[-1] in TRAILING_MARKERS:
        street_type = street_type or STREET_TYPES.get(words[-1], "")
        words = words[:-1]
    if len(words) > 1 and words[0] in STREET_TYPES:
        street_type = STREET_TYPES[words[0]]
        words = words[1:]
    kept = [w for w in words[:-1] if w not in TITLES] + words[-1:]
    if len(kept) > 1 and kept[0] in STREET_TYPES and not street_type:
        # "Gen. Plac ..." is not written, but "Aleja Marszałka ..." after a title is.
        street_type = STREET_TYPES[kept[0]]
        kept = kept[1:]
    given_count = 0
    while given_count < len(kept) - 1 and is_given_name(kept[given_count]):
        given_count += 1
    if all(_ROMAN.match(w) or w.isdigit() for w in kept[given_count:]):
        given_count = 0
    leading = 0
    while leading < len(kept) - 1 and (kept[leading] in FIRST_NAMES or len(kept[leading]) == 1):
        leading += 1
    return StreetKey(
        street_type=street_type,
        full=" ".join(kept),
        main=" ".join(kept[given_count:]),
        given=tuple(kept[:given_count]),
        initials=" ".join([w[0] for w in kept[:leading]] + kept[leading:]),
    )


@lru_cache(maxsize=200_000)
def street_key(name: str) -> StreetKey:
    """Keys of a street name as a register writes it.

    Parameters
    ----------
    name : str
        A full street name, e.g. "ul. Gen. Józefa Bema" or "Plac Wolności".

    Returns
    -------
    StreetKey
        ``full`` = "jozefa bema" (NAZWA_2 + NAZWA_1 without titles), ``main`` = "bema"
        (NAZWA_1), ``street_type`` = "ul". ``variants`` lists the distinct keys.

    Examples
    --------
    >>> street_key("al. 3 Maja").variants
    ('3 maja',)
    >>> street_key("ul. Tadeusza Kościuszki").variants
    ('tadeusza kosciuszki', 'kosciuszki')
    """
    return street_key_from_tokens(fold_address(name).split())


_CONSONANT_END = re.compile(r"[bcdfghjklmnprstwz]$")
_GENITIVE_SIZE = 32
_ADJECTIVE_ENDINGS = ("owa", "ewa", "na", "wa", "la")


def genitive_forms(word: str) -> tuple[str, ...]:
    """The genitive a register may write for a folded word written in the nominative.

    Street patrons are in the genitive ("Słowackiego", "Orzeszkowej"); people write the
    nominative ("Słowacki", "Orzeszkowa", "Kościuszko", "Mickiewicz", "Adam"). Every
    plausible ending is given; the register decides which exists.

    Examples
    --------
    >>> genitive_forms("slowacki"), genitive_forms("kosciuszko")
    (('slowackiego',), ('kosciuszki', 'kosciuszky'))
    """
    if len(word) < 3 or not word.isalpha():
        return ()
    if word.endswith("i"):
        return (word + "ego",)
    if word.endswith("y"):
        return (word[:-1] + "ego",)
    if word.endswith(("ska", "cka", "dzka")):
        return (word[:-1] + "iej",)
    if word.endswith("a"):
        # "Pocztowa" is an adjective (Pocztowej), not a noun like "Pluta" (Pluty): an
        # adjective's -y would be another street ("pl. Pocztowy"). First names in -na
        # ("Anna") are nouns.
        noun = not word.endswith(_ADJECTIVE_ENDINGS) or word[:-1] + "y" in FIRST_NAMES
        if not noun:
            return (word[:-1] + "ej",)
        return (word[:-1] + "ej", word[:-1] + "y", word[:-1] + "i")
    if word.endswith("o"):
        return (word[:-1] + "i", word[:-1] + "y")
    if word.endswith(("ek", "er")):
        # A vowel that falls out: "Maczek" -> "Maczka", "Aleksander" -> "Aleksandra".
        return (word[:-2] + word[-1] + "a", word + "a")
    if _CONSONANT_END.search(word):
        return (word + "a",)
    return ()


def genitive_variants(tokens: Sequence[str]) -> list[tuple[str, ...]]:
    """The street's words with nominative words put in the genitive, every combination.

    Words the vocabulary knows (types, titles, first names already in the genitive),
    numbers and initials stay as written; the words as written are not repeated.
    """
    options: list[tuple[str, ...]] = []
    for token in tokens:
        known = token in STREET_TYPES or token in TITLES or token in FIRST_NAMES
        forms = () if known or _ROMAN.match(token) else genitive_forms(token)
        options.append((token, *forms))
    variants: list[tuple[str, ...]] = [()]
    for forms in options:
        variants = [v + (f,) for v in variants for f in forms][:_GENITIVE_SIZE]
    return variants[1:]


def given_names_agree(written: tuple[str, ...], register: tuple[str, ...]) -> bool:
    """Whether the first names or initials written fit the register's ones.

    "j" fits "jozefa"; nothing written fits anything; "jana" does not fit "jozefa".
    """
    if not written or not register:
        return True
    for w, r in zip(written, register):
        if w != r and not (len(w) == 1 and r.startswith(w)):
            return False
    return True
