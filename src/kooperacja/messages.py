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
from functools import cache
from typing import Any

from django.utils.translation import get_language, gettext, ngettext

from kooperacja.core.errors import UserError
from kooperacja.core.submissions.codelists import load_seed
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
    params = dict(rejection["params"])
    if "code_list" in params:
        params["code_list"] = code_list_name(str(params["code_list"]))
    reason = Rejection(rejection["row"], rejection["column"], rejection["reason"], params)
    return reason.render(translate=gettext, translate_plural=ngettext)


@cache
def _code_list_labels() -> dict[str, tuple[str, str]]:
    return {
        code: (entry.get("label_pl", code), entry.get("label_en", code))
        for code, entry in load_seed().items()
        if isinstance(entry, dict)
    }


def code_list_name(code: str) -> str:
    """The name of the code list ``code`` (``mops_reason``) in the active language, in
    quotation marks, as a partner reads it in an import report; an unknown list keeps its
    code."""
    labels = _code_list_labels().get(code)
    if labels is None:
        return code
    if get_language() == "pl":
        return f"„{labels[0]}”"
    return f"“{labels[1]}”"


def plural_forms(count_message: Callable[[int], str]) -> dict[str, str]:
    """A message with a count for the browser: its form for each plural category of
    ``Intl.PluralRules`` (one, few, many, other), made by ``count_message`` (an ``ngettext``
    call) from a whole number of that category, so the wording stays in the catalogues."""
    return {"one": count_message(1), "few": count_message(2), "many": count_message(5),
            "other": count_message(5)}
