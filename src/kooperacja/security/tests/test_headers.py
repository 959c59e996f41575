"""A content security policy without inline script or style, and the other security headers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import kooperacja

pytestmark = pytest.mark.django_db
TEMPLATES = sorted(Path(kooperacja.__file__).parent.glob("**/templates/**/*.html"))


def directives(response) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    return dict(
        (part.strip().split(" ", 1) + [""])[:2] for part in policy.split(";") if part.strip()
    )


def test_every_page_gets_a_policy_that_allows_no_inline_script_or_style(client):
    for path in ("/", "/zasoby/", "/api/v1/docs", "/admin/login/"):
        policy = directives(client.get(path))
        assert policy["script-src"] == "'self'"
        assert policy["style-src"] == "'self'"
        assert policy["default-src"] == "'self'" and policy["object-src"] == "'none'"
        assert policy["frame-ancestors"] == "'none'"
        assert "unsafe" not in " ".join(policy.values())


def test_it_sends_the_other_security_headers(client):
    response = client.get("/")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "geolocation=()" in response.headers["Permissions-Policy"]
    assert "camera=()" in response.headers["Permissions-Policy"]


def test_the_api_docs_come_from_installed_files_without_inline_script(client):
    page = client.get("/api/v1/docs").content.decode()
    sources = re.findall(r'<script[^>]*src="([^"]+)"', page)
    assert sources and all(src.startswith("/static/") for src in sources)
    assert not re.search(r"<script(?![^>]*(src=|application/json))[^>]*>", page)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_template_has_inline_script_event_handlers_or_style(template):
    """Script and style live in static files: the policy would block them inline."""
    text = template.read_text(encoding="utf-8")
    assert not re.search(r"<script(?![^>]*(\ssrc=|application/json))[^>]*>", text)
    assert not re.search(r"\son[a-z]+\s*=", text)
    assert not re.search(r"\sstyle\s*=|<style", text)
    assert "javascript:" not in text
