"""After 5 failed logins an account, or an address, is refused even the right password."""

from __future__ import annotations

import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory

from kooperacja.security.tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
ADMIN_LOGIN = "/admin/login/?next=/admin/"


def fail(client, username, times, address="10.0.0.1"):
    for _ in range(times):
        response = client.post(ADMIN_LOGIN, {"username": username, "password": "wrong-password"},
                               REMOTE_ADDR=address)
        assert response.status_code in (200, 429)


def test_it_refuses_the_right_password_after_five_failures(client, people):
    fail(client, "root@example.org", 5)
    response = client.post(ADMIN_LOGIN, {"username": "root@example.org", "password": PASSWORD},
                           REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 429
    assert "Zbyt wiele nieudanych prób logowania" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_still_admits_after_four_failures_and_then_forgets_them(client, people):
    fail(client, "root@example.org", 4)
    response = client.post(ADMIN_LOGIN, {"username": "root@example.org", "password": PASSWORD},
                           REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 302
    client.logout()
    fail(client, "root@example.org", 4)
    response = client.post(ADMIN_LOGIN, {"username": "root@example.org", "password": PASSWORD},
                           REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 302


def test_it_locks_the_account_whatever_address_the_attempts_come_from(client, people):
    for n in range(5):
        fail(client, "root@example.org", 1, address=f"10.0.1.{n}")
    response = client.post(ADMIN_LOGIN, {"username": "root@example.org", "password": PASSWORD},
                           REMOTE_ADDR="10.0.2.1")
    assert response.status_code == 429


def test_it_locks_an_address_that_tries_many_accounts(client, people):
    for name in (
        "a@example.org",
        "b@example.org",
        "c@example.org",
        "d@example.org",
        "e@example.org",
    ):
        fail(client, name, 1, address="10.0.3.3")
    response = client.post(ADMIN_LOGIN, {"username": "root@example.org", "password": PASSWORD},
                           REMOTE_ADDR="10.0.3.3")
    assert response.status_code == 429
    elsewhere = client.post(ADMIN_LOGIN, {"username": "root@example.org", "password": PASSWORD},
                            REMOTE_ADDR="10.0.4.4")
    assert elsewhere.status_code == 302


def test_any_login_view_calling_authenticate_is_throttled(people):
    """The login page of the accounts app calls authenticate(request, ...) like this."""
    factory = RequestFactory()

    def attempt(password):
        request = factory.post("/konto/logowanie/", REMOTE_ADDR="10.0.5.5")
        return authenticate(request, username="pat@example.org", password=password)

    assert attempt(PASSWORD) == people.pat
    for _ in range(5):
        assert attempt("wrong-password") is None
    assert attempt(PASSWORD) is None


def test_it_says_so_in_english_when_english_is_chosen(client, people):
    client.cookies["django_language"] = "en"
    fail(client, "pat@example.org", 5)
    response = client.post(ADMIN_LOGIN, {"username": "pat@example.org", "password": PASSWORD},
                           REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "15 minutes" in response.content.decode()


def test_a_lockout_is_written_to_the_audit_log(client, people):
    from kooperacja.records.models import AuditEvent

    fail(client, "pat@example.org", 5)
    assert AuditEvent.objects.filter(action="lockout").exists()
