"""The policy for API handlers (django-ninja): the same kinds of access as for views."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.utils.translation import gettext as _
from ninja.errors import HttpError

from kooperacja.policy import Action, Rule, allows

View = TypeVar("View", bound=Callable[..., Any])


def check(request: Any, action: Action, **scope: Any) -> None:
    """403 unless the caller may take ``action`` (somewhere, or in ``scope``)."""
    if not allows(request.user, action, **scope):
        if not request.user.is_authenticated:
            raise HttpError(403, _("Sign in first."))
        raise HttpError(403, _("You may not do this."))


def person_requires(action: Action) -> Callable[[View], View]:
    """An API operation for a signed-in person (their session, not an institution's token)
    who may take ``action`` somewhere; the handler checks it (with :func:`check` or a service
    that audits the refusal) and answers 403 otherwise, never a redirect to the login page."""

    def declare(view: View) -> View:
        view.access_rule = Rule(action=action, login=True)  # type: ignore[attr-defined]
        return view

    return declare
