"""The command line as an operator meets it: the worker beside serve, the data directory,
and one line instead of a traceback for a busy port, a missing --out folder or a closed pipe."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import kooperacja


def test_it_lists_the_operations_commands(installation):
    listing = installation.kooperacja("--help").stdout
    for command in ("db-worker", "backup", "restore", "enforce-retention", "sweep-uploads"):
        assert command in listing


def test_it_keeps_the_data_in_the_users_data_folder_not_the_current_one(installation, tmp_path):
    env = {k: v for k, v in installation.env.items() if k != "KOOPERACJA_DATA_DIR"}
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    env["PYTHONPATH"] = str(
        Path(kooperacja.__file__).resolve().parents[1]
    )  # this tree, from any folder
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = subprocess.run([sys.executable, "-m", "kooperacja", "--help"], env=env, cwd=elsewhere,
                          capture_output=True, text=True, timeout=120)
    assert str(tmp_path / "xdg" / "kooperacja") in done.stdout
    assert not list(elsewhere.iterdir())
    assert (tmp_path / "xdg" / "kooperacja").stat().st_mode & 0o077 == 0
    if "DATABASE_URL" not in installation.env:
        assert (tmp_path / "xdg" / "kooperacja" / "kooperacja.sqlite3").stat().st_mode & 0o077 == 0


def test_it_refuses_a_busy_port_in_one_line(installation):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        done = installation.kooperacja("serve", "--port", str(busy.getsockname()[1]))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "--port" in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_it_checks_the_out_folder_before_any_work(installation, tmp_path):
    done = installation.kooperacja(
        "counts", "--period", "2025", "--out", str(tmp_path / "no" / "c.csv")
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "does not exist" in done.stderr


def test_it_stops_quietly_when_the_reader_closes_the_pipe(installation):
    process = subprocess.Popen([sys.executable, "-m", "kooperacja", "--help"], env=installation.env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # as `| head -0` would, before the command writes
    stderr = process.communicate(timeout=120)[1].decode()
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr


def test_serve_runs_the_task_worker_and_stops_it(installation):
    if "DATABASE_URL" in installation.env:
        pytest.skip("reads the worker table from the SQLite file")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "kooperacja", "serve", "--port", str(port), "--processes", "1"],
        env=installation.env,
        # As from a terminal: a test run started in the background (scripts/test) ignores
        # Ctrl+C, and a child would inherit that and never see the one sent below.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    database = installation.data / "kooperacja.sqlite3"

    def workers() -> list[tuple[int]]:
        if not database.exists():
            return []
        with sqlite3.connect(database, timeout=30) as conn:
            try:
                return conn.execute("SELECT pid FROM operations_worker").fetchall()
            except sqlite3.OperationalError:  # not migrated yet
                return []

    try:
        for _ in range(300):
            if workers():
                break
            time.sleep(0.2)
        else:
            pytest.fail("no task worker registered")
        (pid,), = workers()
        # It warms the unit pages' answers at start (web/services/warm.py).
        for _ in range(300):
            with sqlite3.connect(database, timeout=30) as conn:
                warmed = conn.execute(
                    "SELECT status FROM django_tasks_database_dbtaskresult WHERE task_path = ?",
                    ("kooperacja.web.tasks.warm_answers",)).fetchall()
            if warmed == [("SUCCESSFUL",)]:
                break
            time.sleep(0.2)
        else:
            pytest.fail(f"the answers were not warmed: {warmed}")
    finally:
        server.send_signal(2)  # Ctrl+C
        out, err = server.communicate(timeout=60)
    assert "Traceback" not in err, err
    assert str(installation.data) in out and "Polecenia" not in out
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert workers() == []


def _serve_and_find_worker(installation, port: int) -> tuple[subprocess.Popen[str], int]:
    """`kooperacja serve` started as from a terminal, and its task worker's process id."""
    server = subprocess.Popen(
        [sys.executable, "-m", "kooperacja", "serve", "--port", str(port), "--processes", "1"],
        env=installation.env, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True)
    for _ in range(600):
        registered = _registered_workers(installation)
        if registered:
            return server, registered[0]  # it registers just before it starts watching
        time.sleep(0.2)
    server.kill()
    pytest.fail("serve started no task worker")


def _registered_workers(installation) -> list[int]:
    """The process ids in the installation's worker table (SQLite or PostgreSQL)."""
    query = "SELECT pid FROM operations_worker"
    try:
        if "DATABASE_URL" in installation.env:
            import psycopg

            with psycopg.connect(installation.env["DATABASE_URL"]) as conn:
                return [pid for (pid,) in conn.execute(query).fetchall()]
        database = installation.data / "kooperacja.sqlite3"
        if not database.exists():
            return []
        with sqlite3.connect(database, timeout=30) as conn:
            return [pid for (pid,) in conn.execute(query).fetchall()]
    except Exception:  # noqa: BLE001  (not migrated yet)
        return []


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return True
    return state == "Z"


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc (Linux)")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM], ids=["kill -9", "SIGTERM"])
def test_the_worker_does_not_outlive_its_serve(installation, how):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server, worker = _serve_and_find_worker(installation, port)
    server.send_signal(how)
    server.wait(timeout=60)
    started = time.monotonic()
    while not _gone(worker) and time.monotonic() - started < 15:
        time.sleep(0.2)
    if not _gone(worker):
        os.kill(worker, signal.SIGKILL)
        pytest.fail(f"the worker outlived serve ({how.name})")
    # Within seconds, not at the next heartbeat.
    assert time.monotonic() - started < 8


def test_a_worker_whose_parent_died_is_stopped_even_if_it_ignores_sigterm(installation):
    # The worker is given SIGTERM (its import may finish), then SIGTERM again, then
    # stopped: here it ignores both, as a worker stuck in a long import would.
    worker = (
        "import os, signal, time, django\n"
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'kooperacja.settings'; django.setup()\n"
        "from kooperacja.operations.services.worker import ParentWatch\n"
        "signal.signal(signal.SIGTERM, lambda *a: print('term', flush=True))\n"
        "ParentWatch(os.getppid(), poll=0.1, grace=0.5).start()\n"
        "print('ready', flush=True)\n"
        "time.sleep(60)\n"
    )
    parent = subprocess.Popen(
        [sys.executable, "-c",
         "import subprocess, sys\n"
         f"child = subprocess.Popen([sys.executable, '-c', {worker!r}], stdout=sys.stdout)\n"
         "print(child.pid, flush=True)\n"
         "import time; time.sleep(60)\n"],
        env=installation.env, stdout=subprocess.PIPE, text=True)
    child = int(parent.stdout.readline())
    assert parent.stdout.readline().strip() == "ready"
    parent.kill()
    parent.wait()
    started = time.monotonic()
    while not _gone(child) and time.monotonic() - started < 10:
        time.sleep(0.1)
    assert _gone(child)
    assert parent.stdout.read().split() == ["term", "term"]
