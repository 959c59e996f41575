"""Serving the site: waitress for the web, a task worker as a child process beside it.

`kooperacja serve` and `kooperacja demo` both start here. The worker runs as a separate
process (`kooperacja db_worker`) rather than as a thread of the web server: an import
uses a core fully and may need a lot of memory, and when it crashes or is killed the site
stays up; the supervisor then starts a new worker, which marks the interrupted import failed
(docs/operations.md).
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import FrameType

from django.conf import settings
from django.db import connection
from django.utils.translation import gettext as _

from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.operations.services.keys import key_warnings
from kooperacja.operations.services.uploads import sweep_uploads
from kooperacja.operations.services.worker import (
    PARENT_ENV,
    forget_process,
    recover_interrupted,
)

log = logging.getLogger(__name__)

Say = Callable[[str], None]
# On stop the worker gets this long to finish its import before it is interrupted.
GRACE_SECONDS = 10.0


def announce_data(say: Say) -> None:
    """Say where the data are, and warn when that place is new or empty."""
    from kooperacja.records.models import Institution
    from kooperacja.territory.models import Unit

    say(_("Data directory: %(dir)s (KOOPERACJA_DATA_DIR)") % {"dir": settings.DATA_DIR})
    if connection.vendor == "postgresql":
        say(
            _("Database: PostgreSQL %(name)s on %(host)s (DATABASE_URL)")
            % {
                "name": connection.settings_dict["NAME"],
                "host": connection.settings_dict["HOST"] or "localhost",
            }
        )
    if settings.DATA_DIR_IS_NEW or not (Unit.objects.exists() or Institution.objects.exists()):
        say(_("WARNING: this installation is new and empty. If you expected your data, set "
              "KOOPERACJA_DATA_DIR (and DATABASE_URL) to where they are."))
        legacy = Path("kooperacja-data").resolve()
        if legacy != Path(settings.DATA_DIR) and (legacy / "kooperacja.sqlite3").exists():
            say(_("Older versions kept the data in %(dir)s in the current folder; to use it, set "
                  "KOOPERACJA_DATA_DIR=%(dir)s.") % {"dir": legacy})
    for warning in key_warnings():
        say(warning)


def run_site(host: str, port: int, threads: int, say: Say, *, worker: bool = True,
             processes: int = 1) -> None:
    """Serve the site until Ctrl+C or SIGTERM in ``processes`` processes
    (operations/services/server.py), with a task worker unless ``worker`` is False."""
    from kooperacja.operations.services.server import Server
    from kooperacja.security.proxy import waitress_proxy_options
    from kooperacja.wsgi import application

    try:
        # The server forks its processes here, before the supervisor's thread starts.
        server = Server(application, host, port, threads, processes, **waitress_proxy_options())
    except OSError as e:
        raise _cannot_listen(host, port, e) from None
    supervisor = WorkerProcess(say) if worker else None
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        if supervisor:
            # The first visitors' answers, built by the worker (web/services/warm.py).
            from kooperacja.web.services.warm import enqueue as warm_answers

            warm_answers()
            supervisor.start()
        say(_("Serving on http://%(host)s:%(port)s/ (Ctrl+C stops)") % {"host": host, "port": port})
        server.run()
    except KeyboardInterrupt:
        say(_("Stopping."))
    finally:
        server.close()
        if supervisor:
            supervisor.stop()
        signal.signal(signal.SIGTERM, previous)


def check_port(host: str, port: int) -> None:
    """Raise a UserError now if the site could not listen on ``host:port`` (demo checks
    before building for minutes)."""
    import socket

    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        socket.create_server((host, port), family=family).close()
    except OSError as e:
        raise _cannot_listen(host, port, e) from None


def _cannot_listen(host: str, port: int, error: OSError) -> UserError:
    return UserError(None, N_(
        "Cannot listen on %(host)s:%(port)s (%(reason)s). Choose another port with --port, "
        "or stop the program that uses it."),
        {"host": host, "port": port, "reason": error.strerror or str(error)})


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


class WorkerProcess:
    """`kooperacja db_worker` as a child process, started again when it dies."""

    def __init__(self, say: Say) -> None:
        self.say = say
        self.process: subprocess.Popen[bytes] | None = None
        self.stopping = threading.Event()
        self.watcher = threading.Thread(
            target=self._watch, name="kooperacja-worker-watch", daemon=True
        )

    def start(self) -> None:
        self._spawn()
        self.watcher.start()
        assert self.process is not None
        self.say(_("Task worker started (process %(pid)d).") % {"pid": self.process.pid})

    def _spawn(self) -> None:
        env = {
            **os.environ,
            "KOOPERACJA_DATA_DIR": str(settings.DATA_DIR),
            PARENT_ENV: str(os.getpid()),
        }
        # Its own process group: Ctrl+C in the terminal reaches serve, which then gives the
        # worker time to finish its import.
        group = ({"start_new_session": True} if os.name == "posix"
                 else {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP})  # type: ignore[attr-defined]
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kooperacja", "db_worker", "--no-startup-delay", "--no-reload"],
            env=env, **group)

    def _watch(self) -> None:
        delay = 1.0
        while not self.stopping.wait(1.0):
            assert self.process is not None
            code = self.process.poll()
            if code is None:
                continue
            self.say(_("WARNING: the task worker stopped (exit code %(code)s); starting a new one "
                       "in %(delay)d s.") % {"code": code, "delay": delay})
            if self.stopping.wait(delay):
                return
            delay = min(delay * 2, 60.0)
            self._spawn()

    def stop(self) -> None:
        """Ask the worker to stop; interrupt its import after :data:`GRACE_SECONDS`."""
        self.stopping.set()
        process = self.process
        if process is None or process.poll() is not None:
            return
        for wait in (GRACE_SECONDS, 10.0):
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=wait)
                break
            except subprocess.TimeoutExpired:
                continue
        else:
            process.kill()
            process.wait()
            # Killed in the middle of an import: fail it and delete its file now.
            recover_interrupted("")
            sweep_uploads()
        forget_process(process.pid)
