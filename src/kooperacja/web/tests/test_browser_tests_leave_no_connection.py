"""A browser test's own queries leave no database session open after it: while
Playwright's event loop runs, the ORM's connections are kept per context, apart from the
thread's (browser_page closes them), and PostgreSQL refused to drop its test database."""

from __future__ import annotations

import pytest
from django.db import connection

from kooperacja.records.models import Institution

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def other_sessions() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                       "AND pid <> pg_backend_pid()")
        return cursor.fetchone()[0]


@pytest.fixture
def sessions_checked():
    if connection.vendor != "postgresql":
        pytest.skip("counts PostgreSQL's sessions")
    before = other_sessions()
    yield
    assert other_sessions() == before  # after browser_page's teardown


def test_queries_made_beside_the_browser_leave_no_session(sessions_checked, browser_page):
    browser_page.set_content("<p>x</p>")
    assert not Institution.objects.filter(code="none").exists()
