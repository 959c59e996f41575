"""The one way a core message reaches a person: translated into the active language.

The pure core raises :class:`~kooperacja.core.errors.UserError`, and reports a rejected
row as a :class:`~kooperacja.core.submissions.validate.Rejection`, with a message id
(English, marked with ``gettext_noop`` or ``ngettext_noop``) and its parameters; every
interface (the command line, the web pages, the API, the import report) shows them through
:func:`user_message` and :func:`rejection_message`, so Polish and English come from the
same catalogues, plural forms included.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.utils.translation import get_language, gettext, ngettext

from kooperacja.core.errors import UserError
from kooperacja.core.submissions.validate import Rejection


def user_message(error: UserError) -> str:
    """``error`` as one line in the active language."""
    return error.render(gettext, ngettext)


def rejection_message(rejection: Mapping[str, Any]) -> str:
    """A stored rejected row's reason (``Submission.rejections``) in the active language.

    Reports stored before reasons kept their parameters hold the text in both languages.
    """
    if "params" not in rejection:
        return str(rejection["message_pl" if get_language() == "pl" else "message_en"])
    reason = Rejection(rejection["row"], rejection["column"], rejection["reason"],
                       rejection["params"])
    return reason.render(translate=gettext, translate_plural=ngettext)


def plural_forms(count_message: Callable[[int], str]) -> dict[str, str]:
    """A message with a count for the browser: its form for each plural category of
    ``Intl.PluralRules`` (one, few, many, other), made by ``count_message`` (an ``ngettext``
    call) from a whole number of that category, so the wording stays in the catalogues."""
    return {"one": count_message(1), "few": count_message(2), "many": count_message(5),
            "other": count_message(5)}
