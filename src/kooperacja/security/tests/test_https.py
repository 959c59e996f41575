"""KOOPERACJA_HTTPS=true, a secret key and the host names: `check --deploy` finds no issue."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

import kooperacja

SRC = str(Path(kooperacja.__file__).resolve().parents[1])


def check_deploy(tmp_path, **env: str) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith(("KOOPERACJA_", "DJANGO_"))}
    environment.update(PYTHONPATH=SRC, KOOPERACJA_DATA_DIR=str(tmp_path), LANG="C.UTF-8", **env)
    return subprocess.run(
        [sys.executable, "-m", "kooperacja", "check", "--deploy", "--fail-level", "WARNING"],
        env=environment, capture_output=True, text=True, timeout=300, check=False,
    )


@pytest.fixture
def production() -> dict[str, str]:
    return {"KOOPERACJA_SECRET_KEY": secrets.token_urlsafe(50),
            "KOOPERACJA_ALLOWED_HOSTS": "kooperacja.example.gov.pl"}


def test_with_https_on_the_deployment_check_reports_no_issue(tmp_path, production):
    result = check_deploy(tmp_path, KOOPERACJA_HTTPS="true", **production)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_without_https_it_warns_about_the_redirect_hsts_and_cookies(tmp_path, production):
    result = check_deploy(tmp_path, **production)
    assert result.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr


def test_a_nonsense_value_is_refused_by_name(tmp_path, production):
    result = check_deploy(tmp_path, KOOPERACJA_HTTPS="maybe", **production)
    assert result.returncode != 0 and "KOOPERACJA_HTTPS" in result.stderr
