"""Issue, revoke and check institutions' API tokens (docs/security.md)."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from kooperacja.records.models import Institution
from kooperacja.security.models import ApiToken

PREFIX = "koop_"


def _digest(raw: str) -> str:
    # 256 random bits: a plain hash is enough, no salt or slow hash is needed.
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def issue_token(institution: Institution, name: str, user: Any = None) -> tuple[ApiToken, str]:
    """A new token for ``institution``; the secret is returned once and never stored."""
    raw = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        institution=institution, name=name, prefix=raw[:12], digest=_digest(raw),
        created_by=user if user is not None and user.is_authenticated else None,
    )
    return token, raw


def revoke_token(token: ApiToken) -> None:
    """From now on the token is refused (the next request already)."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def token_for(raw: str) -> ApiToken | None:
    """The active token ``raw`` is, or None."""
    if not raw.startswith(PREFIX):
        return None
    token = ApiToken.objects.select_related("institution").filter(
        digest=_digest(raw), revoked_at__isnull=True).first()
    if token is not None:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token


class InstitutionToken(HttpBearer):
    """``Authorization: Bearer koop_…``: the request acts for the token's institution."""


    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        return token_for(token)
