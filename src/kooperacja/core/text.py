"""Letters without their diacritics: the one rule every comparison of written Polish folds
with (headers and codes, PESEL fields, addresses, the demo's misspellings)."""

from __future__ import annotations

import unicodedata

# NFKD decomposes ą into a + ogonek but leaves ł, đ, ø and ß whole: these by hand.
_STROKES = str.maketrans(
    {"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ß": "ss"}
)


def plain_letters(text: str) -> str:
    """``text`` with every diacritic dropped (ł as l), case and everything else kept.

    >>> plain_letters("Łódź, Źródlana 4")
    'Lodz, Zrodlana 4'
    """
    text = text.translate(_STROKES)
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))
