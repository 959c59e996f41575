"""Folding of written Polish text to a comparable form (case, diacritics, spacing)."""

from __future__ import annotations

import re
import unicodedata

# NFKD decomposes ą into a + ogonek but leaves ł, đ, ø and ß whole: fold them by hand.
_FOLD = str.maketrans(
    {
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ø": "o",
        "Ø": "o",
        "ß": "ss",
        "ą": "a",
        "ć": "c",
        "ę": "e",
        "ń": "n",
        "ó": "o",
        "ś": "s",
        "ź": "z",
        "ż": "z",
        "Ą": "a",
        "Ć": "c",
        "Ę": "e",
        "Ń": "n",
        "Ó": "o",
        "Ś": "s",
        "Ź": "z",
        "Ż": "z",
    }
)
_SEPARATORS = re.compile(r"[\s\-_.,/'`\"()]+")


def fold(text: str) -> str:
    """Lower-case ASCII form of ``text``: diacritics (ł included) removed, hyphens, dots,
    underscores and runs of whitespace turned into one space, ends trimmed.

    >>> fold("  Łukasz-ŻÓŁĆ ")
    'lukasz zolc'
    """
    text = text.translate(_FOLD)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return _SEPARATORS.sub(" ", text.lower()).strip()
