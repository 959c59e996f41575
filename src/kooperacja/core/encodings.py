"""Which 8-bit encoding Polish text was written in.

Office files come in UTF-8, Windows-1250 or ISO-8859-2. The two 8-bit ones differ only in
ą ś ź Ą Ś Ź, so counting the bytes of those letters in each tells them apart.
"""

from __future__ import annotations

# Lower and upper ą ś ź (and Ś Ź Ą) in each encoding: the only letters where they differ.
_CP1250_ONLY = frozenset(b"\xb9\x9c\x9f\xa5\x8c\x8f")
_ISO8859_2_ONLY = frozenset(b"\xb1\xb6\xbc\xa1\xa6\xac")


def detect_polish_encoding(data: bytes) -> str:
    """Return "utf-8", "cp1250" or "iso-8859-2" for a sample of Polish text.

    ASCII-only samples are reported as UTF-8. A UTF-8 byte order mark gives "utf-8-sig".
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        # A sample cut in the middle of a multi-byte character is still UTF-8.
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            return "utf-8"
    cp1250 = sum(1 for byte in data if byte in _CP1250_ONLY)
    iso = sum(1 for byte in data if byte in _ISO8859_2_ONLY)
    return "iso-8859-2" if iso > cp1250 else "cp1250"
