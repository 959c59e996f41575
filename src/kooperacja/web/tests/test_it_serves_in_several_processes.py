"""`kooperacja serve --processes N` answers from N processes on one port, and they stop
with the first."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc (Linux)")


def copies_of(pid: int) -> list[int]:
    """The forked copies of the server: its children with its command line (a task worker
    started beside it has another)."""
    found = [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    command = Path(f"/proc/{pid}/cmdline").read_bytes()
    return [p for p in found if Path(f"/proc/{p}/cmdline").read_bytes() == command]


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_it_serves_from_several_processes_that_stop_with_it(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "KOOPERACJA_DATA_DIR": str(tmp_path / "data")}
    env.pop("DATABASE_URL", None)
    server = subprocess.Popen([sys.executable, "-m", "kooperacja", "serve", "--port", str(port),
                               "--processes", "3"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                schema = urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/api/v1/openapi.json", timeout=2
                )
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("the server did not answer")
        assert b"/api/v1/units" in schema.read()
        copies = copies_of(server.pid)
        assert len(copies) == 2
    finally:
        server.terminate()
        server.wait(timeout=30)
    for _ in range(100):
        if not any(alive(pid) for pid in copies):
            break
        time.sleep(0.1)
    assert not any(alive(pid) for pid in copies)
