"""Errors a person can act on.

The core has no Django, so it cannot translate; it marks its messages with
``gettext_noop`` (which Django's makemessages picks up), or ``ngettext_noop`` for a message
with a count, and keeps their parameters apart, so each interface renders them in the user's
language through ``kooperacja.messages.user_message`` (``render(gettext, ngettext)``).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import SupportsIndex, cast


def gettext_noop(message: str) -> str:
    """Mark ``message`` for translation without translating it here."""
    return message


@dataclass(frozen=True)
class Plural:
    """A message with a count: both English forms, as ``ngettext`` takes them, and the name
    of the parameter holding the count (Polish has three forms for whole numbers)."""

    singular: str
    plural: str
    count: str


def ngettext_noop(singular: str, plural: str, count: str) -> Plural:
    """Mark a message with a count for translation without translating it here."""
    return Plural(singular, plural, count)


def _english_plural(singular: str, plural: str, n: int) -> str:
    return singular if n == 1 else plural


class UserError(ValueError):
    """Bad input: names the file, the place in it (feature or row, field or column) and the fix.

    Messages never carry a cell's value when it may be personal data; say which column and
    what is wrong with it instead.
    """

    def __init__(
        self,
        path: Path | str | None,
        message: str | Plural,
        params: Mapping[str, object] | None = None,
        *,
        feature: int | str | None = None,
        row: int | None = None,
        field: str | None = None,
    ) -> None:
        self.path = str(path) if path is not None else None
        self.message = message
        self.params = dict(params or {})
        self.feature = feature
        self.row = row
        self.field = field
        super().__init__(self.render())

    def __reduce__(self) -> tuple[object, ...]:
        # Rebuilt from its parts, not its rendered text, when it crosses processes.
        return (_rebuild, (type(self), self.path, self.message, self.params, self.feature,
                           self.row, self.field))

    def without_path(self) -> UserError:
        """The same error, naming no file (for a report about that file)."""
        return _rebuild(type(self), None, self.message, self.params, self.feature, self.row,
                        self.field)

    def render(
        self,
        translate: Callable[[str], str] = gettext_noop,
        translate_plural: Callable[[str, str, int], str] = _english_plural,
    ) -> str:
        """The one-line message, its fixed parts passed through ``translate`` (and a message
        with a count through ``translate_plural``, as ``ngettext``)."""
        parts = []
        if self.path is not None:
            parts.append(Path(self.path).name)
        if self.feature is not None:
            parts.append(translate(gettext_noop("feature %(feature)s")) % {"feature": self.feature})
        if self.row is not None:
            parts.append(translate(gettext_noop("row %(row)s")) % {"row": self.row})
        if self.field is not None:
            parts.append(translate(gettext_noop("field %(field)s")) % {"field": self.field})
        parts.append(render_message(self.message, self.params, translate, translate_plural))
        return ": ".join(parts)


def render_message(
    message: str | Plural,
    params: Mapping[str, object],
    translate: Callable[[str], str] = gettext_noop,
    translate_plural: Callable[[str, str, int], str] = _english_plural,
) -> str:
    """``message`` through ``translate`` (or, with a count, ``translate_plural``, as
    ``ngettext``), its parameters filled in."""
    if isinstance(message, Plural):
        count = operator.index(cast(SupportsIndex, params[message.count]))
        text = translate_plural(message.singular, message.plural, count)
    else:
        text = translate(message)
    return text % params if params else text


def _rebuild(
    kind: type[UserError], path: str | None, message: str | Plural, params: dict[str, object],
    feature: int | str | None, row: int | None, field: str | None,
) -> UserError:
    return kind(path, message, params, feature=feature, row=row, field=field)
