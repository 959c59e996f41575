"""Logins, failed logins, refusals and administrative changes each leave an event with
who, what and from where."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from kooperacja.records.models import AuditEvent, Institution, Membership
from kooperacja.records.services.audit import verify_chain

pytestmark = pytest.mark.django_db


@pytest.fixture
def root(db) -> User:
    return User.objects.create_superuser("root", password="secret-password-1")


def _events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("id"))


def test_it_records_a_login_with_the_address(client, root):
    client.post("/admin/login/", {"username": "root", "password": "secret-password-1"},
                REMOTE_ADDR="192.0.2.10")
    [event] = _events("login")
    assert (event.actor, event.user, event.address) == ("root", root, "192.0.2.10")


def test_it_records_a_failed_login_without_keeping_an_unknown_name(client, root):
    client.post("/admin/login/", {"username": "root", "password": "wrong"}, REMOTE_ADDR="192.0.2.11")
    client.post("/admin/login/", {"username": "hunter2-typed-here", "password": "x"})
    known, unknown = _events("login_failed")
    assert (known.actor, known.address, known.detail) == ("root", "192.0.2.11", {"known_account": True})
    assert unknown.actor == "?" and "hunter2" not in str(unknown.detail)
    assert not _events("login")


def test_it_ignores_a_forwarded_address_unless_a_proxy_is_configured(client, root, settings):
    client.post("/admin/login/", {"username": "root", "password": "wrong"},
                REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    settings.KOOPERACJA_PROXY_COUNT = 1
    client.post("/admin/login/", {"username": "root", "password": "wrong"},
                REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5")
    assert [e.address for e in _events("login_failed")] == ["10.0.0.1", "203.0.113.5"]


def test_it_records_a_lockout(root):
    # django-axes sends user_locked_out; the audit listens when axes is installed.
    from kooperacja.records.audit_receivers import lockout

    lockout(None, request=None, username="ROOT", ip_address="192.0.2.12")
    [event] = _events("lockout")
    assert (event.actor, event.user, event.address) == ("root", root, "192.0.2.12")


def test_it_records_a_refusal(client):
    User.objects.create_user("alice", password="secret-password-1")
    client.login(username="alice", password="secret-password-1")
    assert client.get("/dane/audyt/").status_code == 403
    [event] = _events("denied")
    assert (event.actor, event.detail) == ("alice", {"method": "GET", "path": "/dane/audyt/"})


def test_it_records_admin_additions_changes_and_deletions(client, root):
    client.force_login(root)
    mops = Institution.objects.create(code="mops", name="MOPS", kind="mops")
    users = [User.objects.create_user(name) for name in ("u1", "u2", "u3")]
    for user in users:
        response = client.post("/admin/records/membership/add/",
                               {"user": user.pk, "institution": mops.pk, "role": "partner"})
        assert response.status_code == 302
    first, *others = Membership.objects.order_by("id")
    client.post(f"/admin/records/membership/{first.pk}/change/",
                {"user": first.user_id, "institution": mops.pk, "role": "analyst"})
    client.post("/admin/records/membership/", {
        "action": "delete_selected", "post": "yes",
        "_selected_action": [m.pk for m in others]})
    assert not Membership.objects.filter(pk__in=[m.pk for m in others]).exists()
    assert [e.object_id for e in _events("admin_add")] == [str(m.pk) for m in [first, *others]]
    [change] = _events("admin_change")
    assert (change.actor, change.object_type, change.object_id) == ("root", "membership", str(first.pk))
    assert change.detail == {"fields": ["Role"]}  # the field named, never its value
    assert sorted(e.object_id for e in _events("admin_delete")) == sorted(str(m.pk) for m in others)
    assert verify_chain().broken_id is None


def test_it_offers_no_way_to_edit_or_delete_events_in_the_admin(client, root):
    client.force_login(root)
    event = AuditEvent.objects.get(action="login")
    page = client.get(f"/admin/records/auditevent/{event.pk}/change/")
    assert page.status_code == 200 and b'name="_save"' not in page.content
    assert client.post(f"/admin/records/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get("/admin/records/auditevent/add/").status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk, actor="root").exists()
