from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy, ngettext

from kooperacja.addresses.services.review import purge_expired_review
from kooperacja.command import UserCommand


class Command(UserCommand):
    help = gettext_lazy(
        "Delete the addresses in the review queue whose retention period is over "
        "(KOOPERACJA_REVIEW_RETENTION_DAYS)."
    )

    def run(self, *args: Any, **options: Any) -> str:
        count = purge_expired_review()
        return ngettext("deleted %(count)d expired review entry",
                        "deleted %(count)d expired review entries", count) % {"count": count}
