"""The error raised for a register file, or a point in it, that cannot be read."""

from __future__ import annotations

from collections.abc import Callable

from kooperacja.core.errors import UserError


class PrgReadError(UserError):
    """An address-register file, or one point in it, that cannot be read as given.

    ``path`` names the file (``archive.zip::member.gml`` for a member of a ZIP), ``feature``
    the GML object (its ``gml:id``) or ``row`` the CSV line, and the message what is wrong
    and how to fix it.
    """


SkipHandler = Callable[[PrgReadError], None]


def skip_or_raise(error: PrgReadError, on_skip: SkipHandler | None) -> None:
    """Hand a point's problem to ``on_skip``, or raise it when the caller gave none."""
    if on_skip is None:
        raise error
    on_skip(error)
