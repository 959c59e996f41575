"""The site's WSGI server: waitress, in one process per core where the system can fork.

One process runs Python on one core at a time (the GIL), whatever its threads, so a
single waitress process leaves the other cores idle under load. On Linux and macOS the
server binds its socket once and forks ``processes - 1`` copies of itself before any
thread starts; each runs its own waitress (``threads`` threads) on the shared socket,
and the kernel hands every new connection to one of them. Windows cannot fork: there one
process serves. The copies stop with the first process (Ctrl+C, SIGTERM, or its death);
one that dies is not started again, and the others go on serving. docs/benchmarks.md
tells what the processes bring.
"""

from __future__ import annotations

import os
import signal
import socket
import sys
import threading
import time
import traceback
from typing import Any

from django.db import connections

# Waitress stops accepting at 100 open connections by default, and a browser keeps up to
# six open: a hundred visitors would have the next one wait until a connection closes.
# poll() rather than select(), which cannot watch more than 1,024 files.
WAITRESS = {"ident": "kooperacja", "connection_limit": 1000, "asyncore_use_poll": True}


def default_processes() -> int:
    return (os.cpu_count() or 1) if hasattr(os, "fork") else 1


class Server:
    """``run()`` serves until interrupted, ``close()`` stops every process (the interface
    of waitress's own server)."""

    def __init__(self, application: Any, host: str, port: int, threads: int = 8,
                 processes: int = 1, **options: Any) -> None:
        from waitress import create_server  # type: ignore[attr-defined]  # not in its stubs

        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        listening = socket.create_server((host, port), family=family, backlog=1024)
        self.children: list[int] = []
        if hasattr(os, "fork"):
            # Connections opened before the fork (start-up checks) must not be shared.
            connections.close_all()
            for _ in range(max(1, processes) - 1):
                pid = os.fork()
                if pid == 0:
                    _serve_as_child(application, listening, threads, options)
                self.children.append(pid)
        self.server = create_server(application, sockets=[listening], threads=threads,
                                    **WAITRESS, **options)

    def run(self) -> None:
        self.server.run()

    def close(self) -> None:
        for pid in self.children:
            try:
                os.kill(pid, signal.SIGTERM)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        self.children.clear()
        self.server.close()


def _serve_as_child(application: Any, listening: socket.socket, threads: int,
                    options: dict[str, Any]) -> None:
    """Serve until told to stop or the first process is gone; never returns."""
    from waitress import create_server  # type: ignore[attr-defined]  # not in its stubs

    parent = os.getppid()
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C reaches the first process, which stops us

    def watch_parent() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch_parent, name="kooperacja-parent-watch", daemon=True).start()
    code = 0
    try:
        create_server(application, sockets=[listening], threads=threads, **WAITRESS,
                      **options).run()
    except BaseException:  # noqa: BLE001  (a child must never return into the parent's code)
        traceback.print_exc()
        code = 1
    finally:
        sys.stdout.flush()
        os._exit(code)
