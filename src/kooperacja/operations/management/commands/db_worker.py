from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext_lazy, ngettext
from django_tasks_db.management.commands import db_worker

from kooperacja.operations.services.uploads import sweep_uploads
from kooperacja.operations.services.worker import (
    Heartbeat,
    recover_interrupted,
    register,
    unregister,
)


class Command(db_worker.Command):
    help = gettext_lazy(
        "Run the background worker that imports uploaded extracts (kooperacja serve starts "
        "one; run it yourself only when the site is served otherwise)."
    )
    requires_system_checks: list[str] = []  # type: ignore[assignment]

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        self.help = str(self.help)
        return super().create_parser(prog_name, subcommand, **kwargs)

    def handle(self, *args: Any, **options: Any) -> None:
        worker_id = options["worker_id"]
        register(worker_id)
        interrupted = recover_interrupted(worker_id)
        if interrupted:
            self.stderr.write(ngettext(
                "%(count)d import stopped with its worker; it is marked failed.",
                "%(count)d imports stopped with their worker; they are marked failed.",
                interrupted) % {"count": interrupted})
        sweep_uploads()
        heartbeat = Heartbeat(worker_id)
        heartbeat.start()
        try:
            super().handle(*args, **options)
        finally:
            heartbeat.stop()
            unregister(worker_id)
