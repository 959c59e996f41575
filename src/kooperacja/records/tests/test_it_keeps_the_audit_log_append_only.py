"""The audit log is a hash chain: changes are refused, and any done behind the model's
back are found by ``kooperacja audit-verify``."""

from __future__ import annotations

import threading

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db import connection

from kooperacja.records.models import AppendOnlyError, AuditEvent
from kooperacja.records.services.audit import event_hash, record_event, verify_chain


@pytest.fixture
def events(db) -> list[AuditEvent]:
    alice = User.objects.create_user("alice")
    return [record_event(alice, "export", "counts", {"period": "2025", "n": i}, address="10.0.0.7")
            for i in range(4)]


def _sql(statement: str, *params: object) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def test_it_verifies_an_untouched_chain(events):
    report = verify_chain()
    assert report.checked == 4 and report.broken_id is None
    assert "4" in call_command("audit_verify")


def test_it_links_each_event_to_the_one_before(events):
    assert events[0].previous_hash == ""
    assert [e.previous_hash for e in events[1:]] == [e.hash for e in events[:-1]]


def test_it_names_a_changed_event(events):
    _sql("UPDATE records_auditevent SET actor = %s WHERE id = %s", "mallory", events[1].pk)
    assert verify_chain().broken_id == events[1].pk
    with pytest.raises(CommandError, match=str(events[1].pk)):
        call_command("audit_verify")


def test_it_finds_a_changed_event_whose_hash_was_recomputed(events):
    forged = AuditEvent.objects.get(pk=events[1].pk)
    forged.actor = "mallory"
    _sql("UPDATE records_auditevent SET actor = %s, hash = %s WHERE id = %s",
         "mallory", event_hash(forged), forged.pk)
    report = verify_chain()
    assert (report.broken_id, report.problem) == (events[2].pk, "previous")


def test_it_names_the_event_after_a_removed_one(events):
    _sql("DELETE FROM records_auditevent WHERE id = %s", events[2].pk)
    assert verify_chain().broken_id == events[3].pk


def test_it_notices_the_latest_events_removed(events):
    _sql("DELETE FROM records_auditevent WHERE id = %s", events[3].pk)
    report = verify_chain()
    assert report.broken_id == events[3].pk and report.problem == "missing"


def test_it_refuses_to_change_or_delete_an_event(events):
    event = AuditEvent.objects.get(pk=events[0].pk)
    event.actor = "mallory"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(actor="mallory")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.count() == 4 and verify_chain().broken_id is None


def test_it_keeps_the_chain_when_an_account_is_deleted(events):
    User.objects.get(username="alice").delete()
    assert AuditEvent.objects.filter(actor="alice", user=None).count() == 4
    assert verify_chain().broken_id is None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises every writer")
def test_it_serialises_concurrent_writers():
    def write(n: int) -> None:
        try:
            for i in range(15):
                record_event(None, "export", "counts", {"writer": n, "i": i})
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    report = verify_chain()
    assert report.broken_id is None and report.checked == 60
