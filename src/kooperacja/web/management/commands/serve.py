from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kooperacja.command import UserCommand
from kooperacja.web.server import default_processes


def serve(host: str, port: int, threads: int = 8, processes: int = 1) -> None:
    """Run the site with waitress, a production WSGI server that also runs on Windows, in
    ``processes`` processes where the system can fork (kooperacja/web/server.py)."""
    from kooperacja.web.server import Server
    from kooperacja.wsgi import application

    server = Server(application, host, port, threads, processes)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


class Command(UserCommand):
    help = gettext_lazy("Serve the web site and API with a production WSGI server (waitress).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help=_("address to listen on (default 127.0.0.1)"))
        parser.add_argument("--port", type=int, default=8000, help=_("port (default 8000)"))
        parser.add_argument("--threads", type=int, default=8, help=_("worker threads (default 8)"))
        parser.add_argument("--processes", type=int, default=default_processes(),
                            help=_("server processes, each with its threads (default: the number "
                                   "of cores; one on Windows)"))

    def run(self, *args: Any, **options: Any) -> None:
        self.stdout.write(_("Serving on http://%(host)s:%(port)s/ (Ctrl+C stops)") % {
            "host": options["host"], "port": options["port"]})
        serve(options["host"], options["port"], options["threads"], options["processes"])
