"""Login throttling (django-axes) in front of Django's password check."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.http import HttpRequest


class LoginThrottle(AxesStandaloneBackend):
    """Refuses a locked-out account or address before its password is checked.

    Every login over the web passes the request, so its account and address are counted.
    A call without a request (a shell, Django's test client) has no address and is
    not throttled; it is not reachable from the network.
    """

    def authenticate(self, request: HttpRequest | None, username: str | None = None,
                     password: str | None = None, **kwargs: Any) -> None:
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
