"""Pages the site does not draw itself (the administration, the API docs) load without an
error in the browser's console."""

from __future__ import annotations

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("path", ["/admin/login/", "/api/v1/docs"])
def test_it_loads_without_console_errors(live_server, browser_page, path):
    browser_page.goto(live_server.url + path)
    browser_page.wait_for_load_state("networkidle")
    assert browser_page.problems == []
