"""The policy for API handlers (django-ninja): the same kinds of access as for views."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from ninja.errors import HttpError

from kooperacja.policy import Action, allows


def check(request: Any, action: Action, **scope: Any) -> None:
    """403 unless the caller may take ``action`` (somewhere, or in ``scope``)."""
    if not allows(request.user, action, **scope):
        if not request.user.is_authenticated:
            raise HttpError(403, _("Sign in first."))
        raise HttpError(403, _("You may not do this."))
