from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kooperacja.records.tests.conftest import cast, town  # noqa: F401  (the shared personas)


@dataclass
class Installation:
    """A separate installation run through the `kooperacja` command, as an operator would."""

    env: dict[str, str]
    data: Path

    def kooperacja(self, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "kooperacja", *args], env={**self.env, **env},
                              capture_output=True, text=True, timeout=180)

    def python(self, code: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = "
             "'kooperacja.settings'; django.setup()\n" + code],
            env=self.env, capture_output=True, text=True, timeout=180)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()


@pytest.fixture
def installation(tmp_path) -> Iterator[Installation]:
    """A fresh installation: own data and key folders and, on PostgreSQL, its own database."""
    data = tmp_path / "data"
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(KOOPERACJA_DATA_DIR=str(data), KOOPERACJA_KEY_DIR=str(tmp_path / "keys"),
               KOOPERACJA_LANGUAGE="en")
    server = os.environ.get("DATABASE_URL")
    name = f"kooperacja_ops_{uuid.uuid4().hex[:10]}"
    if server:
        import psycopg

        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        env["DATABASE_URL"] = server.rsplit("/", 1)[0] + "/" + name
    try:
        yield Installation(env, data)
    finally:
        if server:
            import psycopg

            with psycopg.connect(server, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
