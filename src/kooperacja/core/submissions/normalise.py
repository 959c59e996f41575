"""Folding of written Polish text to a comparable form (case, diacritics, spacing)."""

from __future__ import annotations

import re

from ..text import plain_letters

_SEPARATORS = re.compile(r"[\s\-_.,/'`\"()]+")


def fold_words(text: str) -> str:
    """Lower-case ASCII form of ``text``: diacritics (ł included) removed, hyphens, dots,
    underscores and runs of whitespace turned into one space, ends trimmed.

    >>> fold_words("  Łukasz-ŻÓŁĆ ")
    'lukasz zolc'
    """
    return _SEPARATORS.sub(" ", plain_letters(text).lower()).strip()
