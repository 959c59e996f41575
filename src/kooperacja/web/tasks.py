"""Background work of the public site: warming the answers its first visitors would
otherwise wait for (web/services/warm.py), run by the task worker."""

from __future__ import annotations

from typing import Any

from django_tasks import task


@task()
def warm_answers() -> dict[str, Any]:
    from kooperacja.web.services.warm import warm

    return warm()
