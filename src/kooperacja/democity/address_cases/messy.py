"""A deterministic set of messy addresses written the ways docs/domain.md lists.

Each address is drawn from the cast's register, so the point meant is known, and then
written with one to three damages: no prefix or one without a dot, all capitals, lost
diacritics, Windows-1250 / ISO-8859-2 / UTF-8 mojibake, titles and first names written out
or as initials, ordinals in words, "AK", a typo or swapped words, a flat in every form,
"nr", the locality and postcode inside the field.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from kooperacja.core.addresses.text import fold_address
from kooperacja.core.text import plain_letters
from kooperacja.core.addresses.vocabulary import FIRST_NAMES
from kooperacja.democity.address_cases.register import (
    POSTCODES,
    STREETS,
    VILLAGES,
    Register,
)

Expected = tuple[str, str, str] | None
Case = tuple[str, str | None, Expected]

_ORDINAL_WORDS = {
    "3 Maja": "Trzeciego Maja",
    "1 Maja": "Pierwszego Maja",
    "11 Listopada": "Jedenastego Listopada",
}


def _misdecode(text: str, wrote: str, read: str) -> str:
    return text.encode(wrote, errors="replace").decode(read, errors="replace")


def _typo(rng: random.Random, word: str) -> str:
    """One typing error inside a word of at least eight letters, else the word."""
    if len(word) < 8:
        return word
    at = rng.randrange(1, len(word) - 2)
    kind = rng.choice(("swap", "drop", "double", "replace"))
    if kind == "swap":
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    if kind == "drop":
        return word[:at] + word[at + 1 :]
    if kind == "double":
        return word[:at] + word[at] + word[at:]
    return word[:at] + rng.choice("aeiouyzcs") + word[at + 1 :]


def _street_text(rng: random.Random, full: str, short: str) -> str:
    """The street as some office writes it: register name, short name or a variant."""
    style = rng.random()
    if short in _ORDINAL_WORDS and style < 0.4:
        return rng.choice([_ORDINAL_WORDS[short], short.replace(" ", "-go ", 1)])
    if short == "Armii Krajowej" and style < 0.4:
        return "AK"
    if style < 0.25:
        return full
    if style < 0.35:
        return (
            full.replace("ul. ", "")
            .replace("Gen. ", "Generała ")
            .replace("Ks. ", "Księdza ")
            .replace("Kard. ", "Kardynała ")
            .replace("Św. ", "Świętej ")
        )
    if style < 0.5:
        words = full.split()
        prefix = [w for w in words[:-1] if w.endswith(".")]
        named = [w for w in words if not w.endswith(".")]
        if len(named) > 1 and fold_address(named[0]) in FIRST_NAMES and named[-1] not in ("I", "II"):
            return " ".join(prefix + [named[0][0] + "."] + named[1:])
        return full
    if style < 0.6:
        return rng.choice(["ul ", "ul.", "UL. ", ""]) + short
    return short


def _number_text(rng: random.Random, number: str, has_flat: bool) -> str:
    written = number.lower() if rng.random() < 0.6 else number
    if number[-1].isalpha() and rng.random() < 0.3:
        written = f"{number[:-1]} {number[-1]}"
    if rng.random() < 0.1:
        written = f"nr {written}"
    if has_flat:
        flat = rng.randint(1, 60)
        forms = [f" m. {flat}", f" m {flat}", f" lok. {flat}", f" m.{flat}", f", m. {flat}"]
        if number[-1].isalpha():
            forms.append(f"/{flat}")
        written += rng.choice(forms)
    return written


def _typo_in_longest_word(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    words[longest] = _typo(rng, words[longest])
    return " ".join(words)


def _damage(rng: random.Random, text: str) -> str:
    """One or two damages by the writer, then perhaps one by a wrong code page."""
    by_writer: list[Callable[[str], str]] = [
        str.upper,
        plain_letters,
        lambda t: "  ".join(t.split()),
        lambda t: _typo_in_longest_word(rng, t),
    ]
    by_encoding: list[Callable[[str], str]] = [
        lambda t: _misdecode(t, "cp1250", "iso-8859-2"),
        lambda t: _misdecode(t, "iso-8859-2", "cp1250"),
        lambda t: _misdecode(t, "utf-8", "cp1250"),
        lambda t: _misdecode(t, "cp1250", "latin-1"),
    ]
    for damage in rng.sample(by_writer, rng.choice((0, 1, 1, 2))):
        text = damage(text)
    if rng.random() < 0.25:
        text = rng.choice(by_encoding)(text)
    return text


def _place(
    rng: random.Random, locality: str, text: str, shared: bool
) -> tuple[str, str | None, bool]:
    """Put the locality in its column, in the field, or nowhere; say if it is known."""
    where = rng.random()
    if where < 0.3:
        return text, locality, True
    if where < 0.45:
        return f"{text}, {POSTCODES[locality]} {locality}", None, True
    if where < 0.55:
        return f"{locality}, {text}", None, True
    if where < 0.6:
        return f"{POSTCODES[locality]} {locality} {text}", None, True
    return text, None, not shared


def messy_addresses(register: Register, size: int = 700, seed: int = 11) -> list[Case]:
    """``size`` messy addresses with the point each means (None: no single point)."""
    rng = random.Random(seed)
    streets = [(loc, full, short) for loc, rows in STREETS.items() for full, short in rows]
    cases: list[Case] = []
    while len(cases) < size:
        if rng.random() < 0.12:
            village = rng.choice(sorted(VILLAGES))
            number = rng.choice(VILLAGES[village])
            text = rng.choice(
                [f"{village} {number}", f"{village} nr {number}", f"{number}", f"nr {number}"]
            )
            column = village if not text.startswith(village) or rng.random() < 0.3 else None
            cases.append((_damage(rng, text), column, (village, village, number)))
            continue
        locality, full, short = rng.choice(streets)
        number = rng.choice(register.numbers[(locality, short)])
        shared = len(register.localities_of(short)) > 1
        text = f"{_street_text(rng, full, short)} {_number_text(rng, number, rng.random() < 0.3)}"
        text, column, known = _place(rng, locality, _damage(rng, text), shared)
        cases.append((text, column, (locality, short, number) if known else None))
    return cases
