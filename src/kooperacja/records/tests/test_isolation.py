"""End to end in a data directory of its own, through the `kooperacja` command: nothing
personal is left on disk, and an import killed half-way changes nothing."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from kooperacja.records.tests.world import MOPS_HEADER, mops_row, pesel, write_csv

SETUP = """
import django, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kooperacja.settings")
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from kooperacja.records.tests.world import build_town
build_town()
"""
COUNTS = """
import django, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kooperacja.settings")
django.setup()
from kooperacja.records.tests.world import stored_counts
print(stored_counts())
"""


class Installation:
    def __init__(self, env: dict[str, str], data: Path) -> None:
        self.env = env
        self.data = data

    def python(self, script: str) -> str:
        done = subprocess.run([sys.executable, "-c", script], env=self.env, capture_output=True,
                              text=True, timeout=300, check=False)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def kooperacja(self, *args: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([sys.executable, "-m", "kooperacja", *args], env=self.env,
                              capture_output=True, text=True, timeout=300, check=False)
        assert done.returncode == 0, done.stderr
        return done

    def start(self, *args: str) -> subprocess.Popen[bytes]:
        return subprocess.Popen([sys.executable, "-m", "kooperacja", *args], env=self.env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def counts(self) -> list[list[object]]:
        return json.loads(self.python(COUNTS))

    def rows_read_while_running(self) -> int:
        query = "SELECT rows_read FROM records_submission WHERE status = 'running'"
        url = self.env.get("DATABASE_URL")
        if url:
            import psycopg

            with psycopg.connect(url) as conn:
                found = conn.execute(query).fetchall()
        else:
            with sqlite3.connect(self.data / "kooperacja.sqlite3", timeout=30) as conn:
                found = conn.execute(query).fetchall()
        return max((r[0] for r in found), default=0)


@pytest.fixture
def installation(tmp_path) -> Iterator[Installation]:
    """A fresh installation: its own data directory and, on PostgreSQL, its own database."""
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",
                                                            "DJANGO_SETTINGS_MODULE")}
    env.update(KOOPERACJA_DATA_DIR=str(data), SQLITE_TMPDIR=str(data), KOOPERACJA_LANGUAGE="en")
    server = os.environ.get("DATABASE_URL")
    name = f"kooperacja_scratch_{uuid.uuid4().hex[:10]}"
    if server:
        import psycopg

        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        env["DATABASE_URL"] = server.rsplit("/", 1)[0] + "/" + name
    installation = Installation(env, data)
    installation.python(SETUP)
    installation.kooperacja("add-institution", "mops", "--name", "MOPS", "--kind", "mops",
                            "--territory", "C1")
    try:
        yield installation
    finally:
        if server:
            import psycopg

            with psycopg.connect(server, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _import(installation: Installation, path: Path) -> subprocess.CompletedProcess[str]:
    return installation.kooperacja("import-records", str(path), "--institution", "mops",
                                   "--period", "2025", "--layout", "mops")


def test_it_leaves_no_pesel_or_name_anywhere_in_the_data_directory(installation, tmp_path):
    rows = [mops_row(n, "Długa" if n % 3 else "Nieznana", 1 + n % 4) for n in range(60)]
    path = write_csv(tmp_path / "mops.csv", MOPS_HEADER, rows)
    done = _import(installation, path)
    assert "60 rows imported" in done.stdout + done.stderr
    secrets = [pesel(n) for n in range(60)] + ["Zażółćwicz", "Gęślimir"]
    output = done.stdout + done.stderr
    files = [p for p in installation.data.rglob("*") if p.is_file()]
    assert (any(p.name.startswith("kooperacja.sqlite3") for p in files)
            or "DATABASE_URL" in installation.env)
    for p in files:
        content = p.read_bytes()
        for secret in secrets:
            for encoded in {secret.encode("utf-8"), secret.encode("cp1250")}:
                assert encoded not in content, f"{secret} found in {p.name}"
    for secret in secrets:
        assert secret not in output


def test_it_keeps_the_previous_counts_when_an_import_is_killed_half_way(installation, tmp_path):
    small = write_csv(tmp_path / "small.csv", MOPS_HEADER,
                      [mops_row(n, "Krótka", 1 + n % 4, reasons="1,4") for n in range(30)])
    _import(installation, small)
    before = installation.counts()
    assert before
    big = write_csv(tmp_path / "big.csv", MOPS_HEADER,
                    (mops_row(n, "Długa", 1 + n % 4) for n in range(250_000)))
    process = installation.start("import-records", str(big), "--institution", "mops",
                                 "--period", "2025", "--layout", "mops")
    deadline = time.monotonic() + 120
    while installation.rows_read_while_running() == 0:
        assert process.poll() is None, "the import ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert installation.counts() == before
    _import(installation, small)
    assert installation.counts() == before
