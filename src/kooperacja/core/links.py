"""Which links a page may render: only those that open a web page, an e-mail or a phone
call. Any other scheme (``javascript:``, ``data:``, ``vbscript:``) runs in the reader's
browser, so a stored link with one is shown as text, never as a link."""

from __future__ import annotations

from urllib.parse import urlsplit

LINK_SCHEMES = ("http", "https", "mailto", "tel")
WEB_SCHEMES = ("http", "https")


def is_safe_link(text: str, schemes: tuple[str, ...] = LINK_SCHEMES) -> bool:
    """Whether ``text`` is a link with one of ``schemes`` (and, for http(s), a host).

    Browsers drop tabs, line breaks and leading control characters from a URL before
    reading its scheme (``java\\tscript:``), so any of those makes a link unsafe.
    """
    if not text or any(ord(ch) < 0x21 or ch == "\x7f" for ch in text):
        return False
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    if parts.scheme.lower() not in schemes:
        return False
    return parts.scheme.lower() not in WEB_SCHEMES or bool(parts.netloc)
