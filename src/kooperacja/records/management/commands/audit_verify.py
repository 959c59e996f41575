from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kooperacja.command import UserCommand
from kooperacja.records.services.audit import verify_chain

PROBLEMS = {
    "previous": gettext_lazy("it does not follow the event before it: an event was removed, "
                             "inserted or changed before it"),
    "content": gettext_lazy("its content no longer matches its hash: it was changed"),
    "missing": gettext_lazy("the latest events after it are missing"),
}


class Command(UserCommand):
    help = gettext_lazy("Check the audit log's hash chain and name the first broken event.")

    def run(self, *args: Any, **options: Any) -> str:
        report = verify_chain()
        if report.broken_id is not None:
            raise CommandError(_("audit log broken at event %(id)s: %(problem)s") % {
                "id": report.broken_id, "problem": PROBLEMS[report.problem]})
        return ngettext("audit log intact: %(count)d event checked",
                        "audit log intact: %(count)d events checked",
                        report.checked) % {"count": report.checked}
