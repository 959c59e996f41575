"""Folding address text to a comparable form: encoding damage, diacritics, case, spacing."""

from __future__ import annotations

import re

from ..text import plain_letters

# A Windows-1250 file read as ISO-8859-2 (or the other way round) differs only in
# ą ś ź Ą Ś Ź; a Windows-1250 file read as Latin-1 damages every Polish letter.
_SINGLE_CHAR_DAMAGE = str.maketrans(
    {
        "š": "ą",
        "\x9c": "ś",
        "\x9f": "ź",
        "\x8c": "Ś",
        "\x8f": "Ź",
        "±": "ą",
        "¶": "ś",
        "ˇ": "Ą",
        "¦": "Ś",
        "¬": "Ź",
        "¹": "ą",
        "æ": "ć",
        "ê": "ę",
        "³": "ł",
        "ñ": "ń",
        "¿": "ż",
        "¥": "Ą",
        "Æ": "Ć",
        "Ê": "Ę",
        "£": "Ł",
        "Ñ": "Ń",
        "¯": "Ż",
        "\ufffd": "?",
    }
)


def _utf8_damage() -> dict[str, str]:
    """Each Polish letter's UTF-8 bytes as a one-byte code page shows them -> the letter."""
    table: dict[str, str] = {}
    for letter in "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ":
        for codec in ("cp1250", "latin-1", "iso-8859-2"):
            damaged = letter.encode("utf-8").decode(codec, errors="replace")
            if "\ufffd" not in damaged:
                table.setdefault(damaged, letter)
            else:
                # A byte the code page lacks is lost: which letter it was is unknown.
                table.setdefault(damaged, "?")
    return table


# UTF-8 read as Windows-1250 or Latin-1 turns one letter into two characters.
_UTF8_PAIRS = _utf8_damage()
_UTF8_DAMAGE = re.compile("|".join(re.escape(k) for k in sorted(_UTF8_PAIRS, key=len)[::-1]))
# "Ľ" is ź from ISO-8859-2 read as Windows-1250, or Ą the other way round; an all
# capital word tells which.
_L_CARON_IN_CAPITALS = re.compile(r"(?<=[A-ZĄĆĘŁŃÓŚŹŻ])Ľ|Ľ(?=[A-ZĄĆĘŁŃÓŚŹŻ])")
# NFD does not decompose ł/Ł, so they are folded explicitly.
_NOT_WORD = re.compile(r"[^a-z0-9?/-]+")
# A hyphen is kept only between digits, where it writes a range of numbers ("12-14").
_WORD_HYPHEN = re.compile(r"(?<!\d)-|-(?!\d)")
_DIGIT_HYPHEN = re.compile(r"(?<=\d)\s*-\s*(?=\d)")
_SPACES = re.compile(r"\s+")


def repair_encoding(text: str) -> str:
    """Undo the usual encoding damage of Polish text.

    Parameters
    ----------
    text : str
        Text possibly decoded with the wrong code page: UTF-8 read as Windows-1250 or
        Latin-1, or Windows-1250 and ISO-8859-2 confused.

    Returns
    -------
    str
        The text with Polish letters restored where the damage is recognisable.
    """
    text = _UTF8_DAMAGE.sub(lambda m: _UTF8_PAIRS[m.group(0)], text)
    if "Ľ" in text:
        text = _L_CARON_IN_CAPITALS.sub("Ą", text).replace("Ľ", "ź")
    return text.translate(_SINGLE_CHAR_DAMAGE)


def fold_address(text: str) -> str:
    """Fold text to lower-case ASCII words separated by single spaces.

    Parameters
    ----------
    text : str
        Any address fragment.

    Returns
    -------
    str
        Lower case, Polish letters without diacritics (ł as l), punctuation turned into
        spaces except "/" (a flat separator), "-" between digits (a range) and "?"
        (a letter lost to encoding).
    """
    text = plain_letters(repair_encoding(text)).lower()
    text = _DIGIT_HYPHEN.sub("-", text)
    text = _WORD_HYPHEN.sub(" ", _NOT_WORD.sub(" ", text))
    return _SPACES.sub(" ", text).strip()
