from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from kooperacja import policy


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "site_name": settings.KOOPERACJA_SITE_NAME,
        "may": SimpleLazyObject(lambda: _may(request)),
    }


def _may(request: HttpRequest) -> dict[str, bool]:
    """What the header offers the visitor, asked to the policy once per page."""
    user = getattr(request, "user", None)
    return {
        "upload": policy.allows(user, policy.Action.UPLOAD)
        or policy.allows(user, policy.Action.VIEW_SUBMISSION),
        "members": policy.allows(user, policy.Action.MANAGE_MEMBERS),
        "analyst_view": policy.allows(user, policy.Action.ANALYST_VIEW),
        "audit": policy.allows(user, policy.Action.VIEW_AUDIT),
        "reports": policy.allows(user, policy.Action.DRAFT_REPORT),
        "check_client": policy.allows(user, policy.Action.CHECK_CLIENT),
        "administer": user is not None and policy.may_use_admin(user),
    }
