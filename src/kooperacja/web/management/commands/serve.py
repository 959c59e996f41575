from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kooperacja.command import UserCommand
from kooperacja.operations.services.server import default_processes
from kooperacja.operations.services.serving import announce_data, run_site


class Command(UserCommand):
    help = gettext_lazy(
        "Serve the web site and API with a production WSGI server (waitress), with the task "
        "worker that imports uploads."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1",
                            help=_("address to listen on (default 127.0.0.1)"))
        parser.add_argument("--port", type=int, default=8000, help=_("port (default 8000)"))
        parser.add_argument("--threads", type=int, default=8, help=_("worker threads (default 8)"))
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help=_("do not start the task worker (run kooperacja db_worker elsewhere)"),
        )
        parser.add_argument("--processes", type=int, default=default_processes(),
                            help=_("server processes, each with its threads (default: the number "
                                   "of cores; one on Windows)"))

    def run(self, *args: Any, **options: Any) -> None:
        announce_data(self.stdout.write)
        run_site(options["host"], options["port"], options["threads"], self.stdout.write,
                 worker=not options["no_worker"], processes=options["processes"])
