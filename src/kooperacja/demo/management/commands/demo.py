from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kooperacja.command import UserCommand
from kooperacja.demo.services import (
    DemoInstance,
    build_demo,
    demo_accounts,
    new_password,
    publish_report,
    report_step,
)
from kooperacja.operations.services.serving import announce_data, check_port, run_site
from kooperacja.referrals.services.demo import demo_hint


class Command(UserCommand):
    help = gettext_lazy(
        "Build the demo instance of a fictional city (a second run reuses it), serve it, and "
        "print the address and its accounts, one per role, with a password new at every start; "
        "the second factor is off unless --second-factor."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", type=Path, help=_("where to write the generated files "
                                                       "(default: demo/ in the data directory)"))
        parser.add_argument("--host", default="127.0.0.1",
                            help=_("address to listen on (default 127.0.0.1)"))
        parser.add_argument("--port", type=int, default=8000, help=_("port (default 8000)"))
        parser.add_argument("--build-only", action="store_true", help=_("build the demo and stop"))
        parser.add_argument("--scale", type=int, default=1,
                            help=_("multiply the institutions' records, for benchmarks "
                                   "(default 1)"))
        parser.add_argument("--second-factor", action="store_true",
                            help=_("ask analysts, stewards and administrators for an "
                                   "authenticator app's code at sign-in, as a real installation "
                                   "does (off in the demo)"))
        parser.add_argument("--seed", type=int, default=2026, help=_("random seed (default 2026)"))
        parser.add_argument("--territories", type=int, choices=(1, 2), default=1,
                            help=_("2: a second gmina beside the city, both in one powiat "
                                   "whose labour office serves both, and an analyst for each "
                                   "(default 1)"))

    def run(self, *args: Any, **options: Any) -> None:
        announce_data(self.stdout.write)
        if not options["build_only"]:
            check_port(options["host"], options["port"])
        directory = options["dir"] or Path(settings.DATA_DIR) / "demo"
        instance = build_demo(directory, options["seed"], options["scale"], say=self.stdout.write,
                              territories=options["territories"])
        if instance.reused:
            self.stdout.write(_("The demo city is already built in %(dir)s; reusing it.")
                              % {"dir": instance.directory})
        self.stdout.write(_("Periods with data: %(periods)s.")
                          % {"periods": ", ".join(instance.periods)})
        self._report(instance, make=not options["build_only"])
        if instance.region is not None:
            self.stdout.write(_("Territories: %(names)s (powiat %(powiat)s).") % {
                "names": ", ".join(f"{g['name']} {g['teryt_gmina']}"
                                   for g in instance.region["gminas"]),
                "powiat": instance.region["powiat"]["teryt"]})
        if options["build_only"]:
            self.stdout.write(_("Demo built: %(name)s.")
                              % {"name": instance.manifest["city"]["name"]})
            return
        if not options["second_factor"]:
            # The demo's accounts are tried by one person on one machine: no phone needed.
            settings.KOOPERACJA_SECOND_FACTOR = False
        password = new_password()
        url = f"http://{options['host']}:{options['port']}/"
        self.stdout.write(_("Demo city %(name)s: %(url)s")
                          % {"name": instance.manifest["city"]["name"], "url": url})
        self.stdout.write(_("Sign in at %(url)skonto/logowanie/ as one of these people, with the "
                            "password %(password)s (new at every start):")
                          % {"url": url, "password": password})
        accounts = demo_accounts(password, instance.manifest, instance.region)
        width = max(len(a.email) for a in accounts)
        for account in accounts:
            where = f" ({account.institution})" if account.institution else ""
            self.stdout.write(f"  {account.email:<{width}}  {account.role}{where}")
        if hint := demo_hint(instance.directory, instance.manifest):
            self.stdout.write(hint)
        if settings.KOOPERACJA_SECOND_FACTOR:
            self.stdout.write(_("Analysts, stewards and administrators then set up an "
                                "authenticator app (second factor)."))
        else:
            self.stdout.write(_("The second factor is off in the demo (--second-factor turns "
                                "it on)."))
        run_site(options["host"], options["port"], 8, self.stdout.write)

    def _report(self, instance: DemoInstance, make: bool) -> None:
        """Where the diagnosis report is; the demo that is served makes it first (a build
        alone, as the tests' demos, only says how)."""
        step, args = report_step(instance.directory, instance.manifest)
        command = f"kooperacja {step} {' '.join(str(a) for a in args)}"
        if not instance.report.exists() and make:
            self.stdout.write(_("Generating and publishing the diagnosis report (%(command)s)")
                              % {"command": command})
            publish_report(instance.directory, instance.manifest)
        if instance.report.exists():
            self.stdout.write(_("Diagnosis report: %(path)s") % {"path": instance.report})
        else:
            self.stdout.write(_("The diagnosis report is not made yet; to make it: %(command)s")
                              % {"command": command})
