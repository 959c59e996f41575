from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kooperacja.command import UserCommand


def serve(host: str, port: int, threads: int = 8) -> None:
    """Run the site with waitress, a production WSGI server that also runs on Windows."""
    from waitress import serve as waitress_serve

    from kooperacja.security.proxy import waitress_proxy_options
    from kooperacja.wsgi import application

    waitress_serve(application, host=host, port=port, threads=threads, ident="kooperacja",
                   **waitress_proxy_options())


class Command(UserCommand):
    help = gettext_lazy("Serve the web site and API with a production WSGI server (waitress).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help=_("address to listen on (default 127.0.0.1)"))
        parser.add_argument("--port", type=int, default=8000, help=_("port (default 8000)"))
        parser.add_argument("--threads", type=int, default=8, help=_("worker threads (default 8)"))

    def run(self, *args: Any, **options: Any) -> None:
        self.stdout.write(_("Serving on http://%(host)s:%(port)s/ (Ctrl+C stops)") % {
            "host": options["host"], "port": options["port"]})
        serve(options["host"], options["port"], options["threads"])
