from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kooperacja.command import UserCommand
from kooperacja.demo.services import administrator_password, build_demo
from kooperacja.operations.services.serving import announce_data, check_port, run_site


class Command(UserCommand):
    help = gettext_lazy(
        "Build the demo instance of a fictional city (a second run reuses it), serve it, and "
        "print the address and a one-time administrator password."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", type=Path, help=_("where to write the generated files "
                                                       "(default: demo/ in the data directory)"))
        parser.add_argument("--host", default="127.0.0.1", help=_("address to listen on (default 127.0.0.1)"))
        parser.add_argument("--port", type=int, default=8000, help=_("port (default 8000)"))
        parser.add_argument("--build-only", action="store_true", help=_("build the demo and stop"))
        parser.add_argument("--scale", type=int, default=1,
                            help=_("multiply the institutions' records, for benchmarks (default 1)"))
        parser.add_argument("--seed", type=int, default=2026, help=_("random seed (default 2026)"))

    def run(self, *args: Any, **options: Any) -> None:
        announce_data(self.stdout.write)
        if not options["build_only"]:
            check_port(options["host"], options["port"])
        directory = options["dir"] or Path(settings.DATA_DIR) / "demo"
        instance = build_demo(directory, options["seed"], options["scale"], say=self.stdout.write)
        if instance.reused:
            self.stdout.write(_("The demo city is already built in %(dir)s; reusing it.")
                              % {"dir": instance.directory})
        if options["build_only"]:
            self.stdout.write(_("Demo built: %(name)s.") % {"name": instance.manifest["city"]["name"]})
            return
        password = administrator_password()
        url = f"http://{options['host']}:{options['port']}/"
        self.stdout.write(_("Demo city %(name)s: %(url)s") % {"name": instance.manifest["city"]["name"], "url": url})
        self.stdout.write(_("Administration: %(url)sadmin/  user: admin  one-time password: %(password)s")
                          % {"url": url, "password": password})
        run_site(options["host"], options["port"], 8, self.stdout.write)
