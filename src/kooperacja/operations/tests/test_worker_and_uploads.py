"""A dead worker's upload is failed with a message and its file deleted; leftovers are swept;
the upload page says when no worker runs; old submissions go after their retention."""

from __future__ import annotations

import datetime as dt
import os
import time

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kooperacja.operations.models import Worker
from kooperacja.operations.services.retention import enforce_retention
from kooperacja.operations.services.uploads import sweep_uploads, upload_dir
from kooperacja.operations.services.worker import recover_interrupted, register
from kooperacja.records.models import AuditEvent, Submission
from kooperacja.records.services.audit import verify_chain
from kooperacja.records.tasks import import_upload

pytestmark = [pytest.mark.django_db, pytest.mark.urls("kooperacja.records.tests.urls")]


@pytest.fixture(autouse=True)
def own_data_dir(settings, tmp_path):
    """Uploads of these tests go to their own folder, not the session's."""
    settings.DATA_DIR = tmp_path


def _upload(cast, status: str = Submission.Status.QUEUED) -> Submission:
    path = upload_dir() / f"{os.urandom(8).hex()}.csv"
    path.write_text("PESEL;Nazwisko\n80010112345;Kowalski\n")
    return Submission.objects.create(
        institution=cast.a, period="2025", period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31), layout="mops", upload_path=str(path), status=status,
        created_by=cast.partner_a)


def test_it_fails_the_upload_of_a_dead_worker_and_deletes_its_file(client, cast):
    submission = _upload(cast)
    import_upload.enqueue(submission.pk)
    # A worker on this host whose process is gone claimed the task and started importing.
    Worker.objects.create(worker_id="gone", host=__import__("socket").gethostname(), pid=2**22 + 17,
                          seen_at=timezone.now())
    task = DBTaskResult.objects.get()
    task.claim("gone")
    Submission.objects.filter(pk=submission.pk).update(status=Submission.Status.RUNNING)

    register("new")
    assert recover_interrupted("new") == 1
    sweep_uploads()
    submission.refresh_from_db()
    assert submission.status == "failed" and not os.path.exists(submission.upload_path)
    assert DBTaskResult.objects.get().status == "FAILED"
    client.force_login(cast.partner_a)
    page = client.get(f"/records/submissions/{submission.pk}/").content.decode()
    assert "przerwany" in page and "wyślij go ponownie" in page


def test_it_leaves_the_work_of_a_live_worker_alone(cast):
    submission = _upload(cast)
    import_upload.enqueue(submission.pk)
    register("busy")
    DBTaskResult.objects.get().claim("busy")
    Submission.objects.filter(pk=submission.pk).update(status=Submission.Status.RUNNING)
    register("new")
    assert recover_interrupted("new") == 0
    assert sweep_uploads() == 0 and os.path.exists(submission.upload_path)


def test_it_sweeps_files_of_finished_imports_and_old_strays_but_not_new_ones(cast):
    finished = _upload(cast, Submission.Status.REJECTED)
    waiting = _upload(cast)
    stray, fresh = upload_dir() / "stray.csv", upload_dir() / "fresh.csv"
    stray.write_text("x")
    fresh.write_text("x")
    old = time.time() - 3600
    os.utime(stray, (old, old))
    assert sweep_uploads() == 2
    assert not os.path.exists(finished.upload_path) and not stray.exists()
    assert os.path.exists(waiting.upload_path) and fresh.exists()


def test_it_tells_the_uploader_when_no_worker_runs(client, cast):
    client.force_login(cast.partner_a)
    assert 'id="no-worker"' in client.get("/records/upload/").content.decode()
    register("alive")
    assert 'id="no-worker"' not in client.get("/records/upload/").content.decode()
    Worker.objects.update(seen_at=timezone.now() - dt.timedelta(hours=1))
    assert 'id="no-worker"' in client.get("/records/upload/").content.decode()


def test_it_deletes_submissions_past_their_institutions_retention(cast):
    cast.a.retention_months = 12
    cast.a.save()
    old, recent, other = (
        _upload(cast, "active"),
        _upload(cast, "replaced"),
        _upload(cast, "rejected"),
    )
    Submission.objects.filter(pk=other.pk).update(institution=cast.b)  # no retention set
    Submission.objects.filter(pk__in=[old.pk, other.pk]).update(
        created_at=timezone.now() - dt.timedelta(days=400))
    assert enforce_retention(dry_run=True).submissions == 1
    assert enforce_retention().submissions == 1
    assert set(Submission.objects.values_list("pk", flat=True)) == {recent.pk, other.pk}
    # The deletion stays on record: which institution's data of which period, and when.
    event = AuditEvent.objects.get(action="retention")
    assert (event.actor, event.object_id, event.detail["institution"]) == (
        "system", str(old.pk), "a")
    assert verify_chain().broken_id is None
