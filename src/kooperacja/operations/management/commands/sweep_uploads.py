from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy, ngettext

from kooperacja.command import UserCommand
from kooperacja.operations.services.uploads import sweep_uploads


class Command(UserCommand):
    help = gettext_lazy(
        "Delete uploaded files that no waiting import needs (left by a crash); the worker "
        "does this when it starts."
    )

    def run(self, *args: Any, **options: Any) -> str:
        count = sweep_uploads()
        return ngettext("deleted %(count)d leftover upload", "deleted %(count)d leftover uploads",
                        count) % {"count": count}
