"""Errors a person can act on.

The core has no Django, so it cannot translate; it marks its messages with
``gettext_noop`` (which Django's makemessages picks up) and keeps their parameters apart,
so each interface renders them in the user's language with ``render(gettext)``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path


def gettext_noop(message: str) -> str:
    """Mark ``message`` for translation without translating it here."""
    return message


class UserError(ValueError):
    """Bad input: names the file, the place in it (feature or row, field or column) and the fix.

    Messages never carry a cell's value when it may be personal data; say which column and
    what is wrong with it instead.
    """

    def __init__(
        self,
        path: Path | str | None,
        message: str,
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

    def render(self, translate: Callable[[str], str] = gettext_noop) -> str:
        """The one-line message, its fixed parts passed through ``translate``."""
        parts = []
        if self.path is not None:
            parts.append(Path(self.path).name)
        if self.feature is not None:
            parts.append(translate(gettext_noop("feature %(feature)s")) % {"feature": self.feature})
        if self.row is not None:
            parts.append(translate(gettext_noop("row %(row)s")) % {"row": self.row})
        if self.field is not None:
            parts.append(translate(gettext_noop("field %(field)s")) % {"field": self.field})
        message = translate(self.message)
        parts.append(message % self.params if self.params else message)
        return ": ".join(parts)


def _rebuild(
    kind: type[UserError], path: str | None, message: str, params: dict[str, object],
    feature: int | str | None, row: int | None, field: str | None,
) -> UserError:
    return kind(path, message, params, feature=feature, row=row, field=field)
