"""How offices write addresses: the variants docs/domain.md lists, drawn at given rates.

Each function takes a row of uniform draws instead of a generator, so that callers can draw
all randomness for many rows at once.
"""

from __future__ import annotations

from collections.abc import Sequence

from kooperacja.core.text import plain_letters

from .names import StreetName

_TITLES = {
    "Generała": "gen.",
    "Księdza": "ks.",
    "Świętej": "św.",
    "Świętego": "św.",
    "Marszałka": "marsz.",
    "Kardynała": "kard.",
    "Księcia": "ks.",
}
_PREFIXES = {
    "ul.": ("ul. ", "ul ", "UL. ", "Ul. "),
    "al.": ("al. ", "Al. ", "Aleja ", "al "),
    "pl.": ("pl. ", "Pl. ", "Plac ", "pl "),
    "rynek": ("", "", "ul. ", ""),
}
DRAWS = 12


def street_variant(street: StreetName, u: Sequence[float]) -> tuple[str, str]:
    """The street name as somebody wrote it, and the name of the variant used."""
    words = street.given.split()
    titles = [w for w in words if w in _TITLES]
    given = [w for w in words if w not in _TITLES]
    if street.aliases and u[0] < 0.2:
        return street.aliases[int(u[1] * len(street.aliases))], "alias"
    if not words or u[0] < 0.35:
        return street.main, "main"
    if u[0] < 0.55:
        return f"{street.given} {street.main}", "full"
    abbreviated = [_TITLES[w] for w in titles]
    initials = [f"{w[0]}." for w in given]
    if u[0] < 0.67 and titles:
        return " ".join([*abbreviated, *given, street.main]), "title_abbreviated"
    if u[0] < 0.82:
        return " ".join([*abbreviated, *initials, street.main]), "initials"
    if titles:
        title = titles if u[1] < 0.5 else [w.capitalize() for w in abbreviated]
        return " ".join([*title, street.main]), "title_only"
    return street.main, "main"


def typo(text: str, u: Sequence[float]) -> str:
    """One slip of the hand inside a word: a letter dropped, doubled or swapped."""
    position = 2 + int(u[0] * (len(text) - 4))
    if u[1] < 0.34:
        return text[:position] + text[position + 1 :]
    if u[1] < 0.67:
        return text[:position] + text[position] + text[position:]
    return text[:position] + text[position + 1] + text[position] + text[position + 2 :]


def house_number(number: str, flat: int, u: Sequence[float]) -> str:
    """ "12A/3", "12a m. 3", "nr 12 lok 3", ... as offices write building and flat numbers."""
    if number[-1].isalpha():
        number = number.lower() if u[0] < 0.5 else number
    if flat:
        forms = (
            "{n}/{f}",
            "{n}/{f}",
            "{n} m. {f}",
            "{n} m {f}",
            "{n} lok. {f}",
            "{n} lok {f}",
            "{n}/{f}",
            "nr {n} m. {f}",
        )
        return forms[int(u[1] * len(forms))].format(n=number, f=flat)
    return f"nr {number}" if u[1] < 0.08 else number


def messy_address(
    street: StreetName | None,
    number: str,
    flat: int,
    locality: str,
    postcode: str,
    u: Sequence[float],
) -> tuple[str, list[str]]:
    """A MOPS-style address field and the variants it shows (for the manifest's tallies)."""
    tags: list[str] = []
    if street is None:
        forms = ("{l} {n}", "{l} {n}", "{n}", "{l} nr {n}")
        text = forms[int(u[0] * len(forms))].format(l=locality, n=number)
        return (text.upper() if u[2] < 0.08 else text), ["streetless"]
    name, variant = street_variant(street, u[0:2])
    tags.append(variant)
    if u[4] < 0.03 and len(street.main) >= 7 and variant in ("main", "full"):
        name = name.replace(street.main, typo(street.main, u[10:12]))
        tags.append("typo")
    prefixes = _PREFIXES[street.cecha]
    if u[5] < 0.55 or street.cecha == "rynek":
        name = prefixes[int(u[6] * len(prefixes))] + name
    else:
        tags.append("no_prefix")
    text = f"{name} {house_number(number, flat, u[7:9])}"
    if u[9] < 0.04:
        text, tag = f"{text}, {postcode} {locality}", "postcode_in_field"
        tags.append(tag)
    elif u[9] < 0.08:
        text = f"{locality}, {text}"
        tags.append("locality_in_field")
    if u[2] < 0.08:
        text = text.upper()
        tags.append("caps")
    if u[3] < 0.08:
        text = plain_letters(text)
        tags.append("no_diacritics")
    return text, tags


def tidy_address(
    street: StreetName | None, number: str, flat: int, locality: str, u: Sequence[float]
) -> str:
    """A PUP-style address: a form field, mostly complete, now and then in capitals."""
    flat_part = f"/{flat}" if flat else ""
    if street is None:
        text = f"{locality} {number}"
    elif u[0] < 0.6:
        text = f"{street.office_full} {number}{flat_part}"
    else:
        prefix = _PREFIXES[street.cecha][0]
        text = f"{prefix}{street.main} {number}{' m. ' + str(flat) if flat else ''}"
    return text.upper() if u[1] < 0.1 else text
