"""Parsing an address as offices write it into street, building number, flat, locality."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kooperacja.core.addresses.streets import StreetKey, street_key_from_tokens
from kooperacja.core.addresses.text import fold_address
from kooperacja.core.addresses.vocabulary import (
    FLAT_MARKERS,
    NAME_AFTER_NUMBER,
    NUMBER_MARKERS,
    STREET_TYPES,
)

# "65-001", and "65001" when it opens the field before a word ("65001 Zielona Góra").
_POSTCODE = re.compile(
    r"(?<!\d)(\d{2})\s?[-–]\s?(\d{3})(?!\d)|^\s*(\d{2})(\d{3})(?=\s+[^\W\d_])"
)
_BUILDING = re.compile(r"^(\d+)([a-z])?$")
_FLAT = re.compile(r"^\d+[a-z]?$")
_SLASHED = re.compile(r"^(\d+)([a-z])?/(\d+[a-z]?)$")
_RANGE = re.compile(r"^(\d+)([a-z])?-(\d+)([a-z])?$")
# A word cut short with a dot ("Kościuszk.", "Wojsk."), before folding drops the dot.
_CUT_WORD = re.compile(r"([^\W\d_]{3,})\.")

#: Flag: the building number is written as a range ("10-12"): two buildings, or one
#: building with two numbers. A slash ("10/12") is not flagged: it is building 10, flat
#: 12, unless the register holds a point numbered "10/12" (see ``double_number``).
AMBIGUOUS_NUMBER = "ambiguous_number"
#: Flag: no building number found.
NO_NUMBER = "no_number"
#: Flag: words after the building number that are neither a flat nor a letter.
TRAILING_TEXT = "trailing_text"


@dataclass(frozen=True, slots=True)
class ParsedAddress:
    """An address written in office data, taken apart.

    Attributes
    ----------
    street : StreetKey
        Keys of the street part; ``street.full`` is "" for a street-less address
        ("Żubrów 21A" gives street "zubrow", which may be a locality).
    tokens : tuple of str
        Folded words of the street part, kept so a locality written before the street
        ("Konotop Podgórna 2") can be split off by someone who knows the localities.
    number : str
        Building number, digits and an optional capital letter ("12A"); "" if none.
    written_number : str
        Two numbers written as one ("10/12", "10-12"), in the form the register's
        double-numbered points are indexed under ("10/12"); else ``number``.
    flat : str
        Flat number, "" if none.
    locality : str
        Folded locality found in the field (after a comma, after a postcode or after
        the number), "" if none.
    postcode : str
        "NN-NNN", "" if none.
    flags : frozenset of str
        ``AMBIGUOUS_NUMBER``, ``NO_NUMBER``, ``TRAILING_TEXT``.
    cut : frozenset of str
        Folded words of the street part written with a dot after them ("Kościuszk.",
        "Wojsk.", "Gen."): the register's word may start with them.
    """

    street: StreetKey
    tokens: tuple[str, ...]
    number: str
    written_number: str
    flat: str
    locality: str
    postcode: str
    flags: frozenset[str]
    cut: frozenset[str] = frozenset()

    @property
    def double_number(self) -> bool:
        """Whether two numbers were written as one ("10/12", "10-12")."""
        return self.written_number != self.number


def _split_number(tokens: list[str]) -> tuple[int, int]:
    """Position of the building number and of the first word after it (-1, -1 if none).

    The building number is the last number that is not part of the street name:
    a number that opens the name ("3 Maja") or is followed by a month or "Pułku"
    belongs to the name.
    """
    for i in range(len(tokens) - 1, -1, -1):
        token = tokens[i]
        if not token[0].isdigit():
            continue
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        if following in NAME_AFTER_NUMBER:
            continue
        if i > 0 and tokens[i - 1] in FLAT_MARKERS and _has_number_before(tokens, i - 1):
            continue
        opens_name = all(t in STREET_TYPES or t in NUMBER_MARKERS for t in tokens[:i])
        names_a_street = following[:1].isalpha() and len(following) > 1
        if opens_name and names_a_street and following not in FLAT_MARKERS:
            continue
        return i, i + 1
    return -1, -1


def _has_number_before(tokens: list[str], end: int) -> bool:
    return any(t[0].isdigit() for t in tokens[:end])


def _building(digits: str, letter: str | None) -> str:
    return str(int(digits)) + (letter or "").upper()


def _read_number(token: str, rest: list[str]) -> tuple[str, str, str, set[str], list[str]]:
    """Building number, double number as written, flat, flags, and the words left over."""
    flags: set[str] = set()
    flat = ""
    if m := _BUILDING.match(token):
        number = _building(m.group(1), m.group(2))
        written = number
        letter_follows = rest and len(rest[0]) == 1 and rest[0].isalpha() and not m.group(2)
        flat_follows = len(rest) > 1 and rest[0] in FLAT_MARKERS and _FLAT.match(rest[1])
        if letter_follows and not flat_follows:
            number += rest[0].upper()
            written = number
            rest = rest[1:]
        if rest and rest[0].startswith("/") and _FLAT.match(rest[0][1:]):
            flat, rest = rest[0][1:].upper(), rest[1:]
            written = f"{number}/{flat}"
    elif m := _SLASHED.match(token):
        number = _building(m.group(1), m.group(2))
        flat = m.group(3).upper()
        written = f"{number}/{flat}"
    elif m := _RANGE.match(token):
        number = _building(m.group(1), m.group(2))
        written = f"{number}/{_building(m.group(3), m.group(4))}"
        flags.add(AMBIGUOUS_NUMBER)
    else:
        return "", "", "", {NO_NUMBER}, rest
    if not flat and len(rest) >= 2 and rest[0] in FLAT_MARKERS and _FLAT.match(rest[1]):
        flat, rest = rest[1].upper(), rest[2:]
    return number, written, flat, flags, rest


def _split_parts(text: str) -> tuple[str, str, str]:
    """Postcode, the part holding street and number, and a locality written apart."""
    postcode = ""
    if m := _POSTCODE.search(text):
        region, office = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        postcode = f"{region}-{office}"
        before, after = text[: m.start()], text[m.end() :]
        # "67-416 Konotop, Podgórna 2": the words right after a postcode are a locality.
        locality, comma, rest = after.partition(",")
        if comma and locality.strip() and not any(c.isdigit() for c in locality):
            text = f"{before},{rest},{locality}"
        else:
            text = f"{before},{after}" if before.strip() and after.strip() else before + after
    parts = [fold_address(p) for p in re.split(r"[,;\n]", text)]
    parts = [p for p in parts if p]
    merged: list[str] = []
    for part in parts:
        if merged and part.split()[0] in FLAT_MARKERS | {"/"}:
            merged[-1] = f"{merged[-1]} {part}"
        else:
            merged.append(part)
    if not merged:
        return postcode, "", ""
    with_number = [p for p in merged if any(t[0].isdigit() for t in p.split())]
    main = with_number[0] if with_number else merged[0]
    others = [p for p in merged if p is not main and not p.replace(" ", "").isdigit()]
    return postcode, main, others[0] if others else ""


@lru_cache(maxsize=100_000)
def parse_address(text: str) -> ParsedAddress:
    """Take apart a free-text Polish address.

    Parameters
    ----------
    text : str
        The address field as an office wrote it, e.g. "ul. Gen. J. Bema 12a m. 3",
        "Trzeciego Maja 5/7", "67-416 Konotop, Podgórna 2", "Żubrów 21A".

    Returns
    -------
    ParsedAddress
        Street keys, building number ("12A"), flat, locality and postcode found in the
        field, and flags. A form with two readings ("10/12") is flagged
        ``AMBIGUOUS_NUMBER``, never resolved here.

    Examples
    --------
    >>> p = parse_address("ul. Gen. J. Bema 12a m. 3")
    >>> (p.street.main, p.number, p.flat)
    ('bema', '12A', '3')
    """
    postcode, main, locality = _split_parts(text)
    tokens = main.replace("/", " / ").split()
    tokens = [t for t in (_glue_slash(tokens)) if t not in NUMBER_MARKERS]
    at, after = _split_number(tokens)
    rest: list[str]
    if at < 0:
        number, written, flat, flags, rest = "", "", "", {NO_NUMBER}, []
        street_tokens = tokens
    else:
        number, written, flat, flags, rest = _read_number(tokens[at], tokens[after:])
        street_tokens = tokens[:at]
    if rest:
        flags.add(TRAILING_TEXT)
        words = [t for t in rest if t[0].isalpha() and t not in FLAT_MARKERS]
        if words and not locality:
            locality = " ".join(words)
    cut = {fold_address(w) for w in _CUT_WORD.findall(text)} & set(street_tokens)
    return ParsedAddress(
        street=street_key_from_tokens(street_tokens),
        tokens=tuple(street_tokens),
        number=number,
        written_number=written,
        flat=flat,
        locality=locality,
        postcode=postcode,
        flags=frozenset(flags),
        cut=frozenset(cut),
    )


def _glue_slash(tokens: list[str]) -> list[str]:
    """Join "12", "/", "3" back into "12/3" so a number is one word ("12 a / 3": "/3")."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if tokens[i] == "/" and i + 1 < len(tokens) and tokens[i + 1][0].isdigit():
            if out and out[-1][0].isdigit():
                out[-1] = f"{out[-1]}/{tokens[i + 1]}"
            else:
                out.append(f"/{tokens[i + 1]}")
            i += 2
            continue
        if tokens[i] != "/":
            out.append(tokens[i])
        i += 1
    return out
