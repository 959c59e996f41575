"""Sessions end after 30 idle minutes or 10 hours after login; cookies are not scriptable."""

from __future__ import annotations

import time

import pytest
from django.test import override_settings

from kooperacja.security.sessions import SEEN, STARTED
from kooperacja.security.tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
UPLOAD = "/dane/upload/"


def signed_in(client, people):
    assert client.login(username="pat@example.org", password=PASSWORD)
    assert client.get(UPLOAD).status_code == 200


def shift(client, key, seconds):
    session = client.session
    session[key] = session[key] - seconds
    session.save()


def test_a_session_idle_for_longer_than_the_limit_ends(client, people):
    signed_in(client, people)
    shift(client, SEEN, 31 * 60)
    response = client.get(UPLOAD)
    assert response.status_code == 302 and response.url.startswith("/konto/logowanie/")
    assert "_auth_user_id" not in client.session


def test_a_session_in_use_lives_on(client, people):
    signed_in(client, people)
    shift(client, SEEN, 29 * 60)
    assert client.get(UPLOAD).status_code == 200
    assert time.time() - client.session[SEEN] < 60


def test_a_session_in_use_ends_at_its_maximum_age(client, people):
    signed_in(client, people)
    shift(client, STARTED, 10 * 3600 + 60)
    assert client.get(UPLOAD).status_code == 302


@override_settings(KOOPERACJA_SESSION_IDLE_MINUTES=5)
def test_the_idle_limit_is_a_setting(client, people):
    signed_in(client, people)
    shift(client, SEEN, 6 * 60)
    assert client.get(UPLOAD).status_code == 302


def test_a_new_login_starts_the_clock_again(client, people):
    signed_in(client, people)
    shift(client, STARTED, 10 * 3600 + 60)
    assert client.login(username="pat@example.org", password=PASSWORD)
    assert client.get(UPLOAD).status_code == 200


def test_the_session_cookie_is_http_only_same_site_and_expires(client, people):
    response = client.post("/admin/login/", {"username": "root@example.org", "password": PASSWORD})
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert cookie["max-age"] == 30 * 60
