"""Sessions that end: after a time without requests, and a time after login in any case."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest

STARTED = "kooperacja_session_started"
SEEN = "kooperacja_session_seen"
# The last-seen time is written at most this often, not on every request.
SEEN_RESOLUTION = 60


def start_session(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """At login: the absolute age counts from now."""
    now = int(time.time())
    request.session[STARTED] = now
    request.session[SEEN] = now


def expire_session(request: HttpRequest) -> bool:
    """Log the user out when the session is idle or old; whether it was."""
    session = request.session
    now = int(time.time())
    started = session.get(STARTED, now)
    seen = session.get(SEEN, now)
    idle = settings.KOOPERACJA_SESSION_IDLE_MINUTES * 60
    age = settings.KOOPERACJA_SESSION_MAX_HOURS * 3600
    if now - seen > idle or now - started > age:
        logout(request)
        return True
    if STARTED not in session:
        session[STARTED] = now
    if SEEN not in session or now - seen >= SEEN_RESOLUTION:
        # Saving the session also renews its cookie and its expiry in the database.
        session[SEEN] = now
    return False
