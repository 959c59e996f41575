"""The task worker's life: a heartbeat while it runs, and recovery of the work of dead ones.

A worker (`kooperacja db_worker`) registers itself and stamps ``seen_at`` every
:data:`BEAT` seconds from a thread. On start it fails the tasks whose worker is gone (the
upload's report then says the import was interrupted, and its file is deleted) and sweeps
leftover uploads. The upload page asks :func:`worker_alive` to warn when uploads would
only wait.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import signal
import socket
import threading

from django.db import close_old_connections, connection
from django.db.utils import DatabaseError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kooperacja.operations.models import Worker
from kooperacja.records.models import Submission
from kooperacja.records.services.importing import delete_submission_rows

log = logging.getLogger(__name__)

BEAT = 10.0
# A worker silent for this long counts as gone for the upload page. An import can hold
# SQLite's write lock for a while, delaying a beat; recovery is more careful (below).
ALIVE_WITHIN = dt.timedelta(minutes=2)
# A worker on another host silent for this long is taken for dead by recovery; on the same
# host its process id decides at once.
DEAD_AFTER = dt.timedelta(minutes=15)
# Set by `kooperacja serve` for its worker: the worker stops when that process is gone.
PARENT_ENV = "KOOPERACJA_WORKER_PARENT"
IMPORT_TASK = "kooperacja.records.tasks.import_upload"


def worker_alive() -> bool:
    """Whether some task worker stamped its heartbeat recently."""
    return Worker.objects.filter(seen_at__gte=timezone.now() - ALIVE_WITHIN).exists()


def register(worker_id: str) -> Worker:
    worker, _ = Worker.objects.update_or_create(worker_id=worker_id, defaults={
        "host": socket.gethostname()[:255], "pid": os.getpid(), "seen_at": timezone.now()})
    return worker


def unregister(worker_id: str) -> None:
    Worker.objects.filter(worker_id=worker_id).delete()


def forget_process(pid: int) -> None:
    """Remove the row of the worker process ``pid`` of this host, which has ended without
    removing it (killed, or its database busy as it stopped)."""
    Worker.objects.filter(host=socket.gethostname()[:255], pid=pid).delete()


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _is_dead(worker: Worker, now: dt.datetime) -> bool:
    if worker.host == socket.gethostname()[:255] and worker.pid != os.getpid():
        return not _process_exists(worker.pid)
    return worker.seen_at < now - DEAD_AFTER


def recover_interrupted(current_worker_id: str) -> int:
    """Fail the tasks of workers that died, and their uploads; return how many uploads.

    The uploads' reports say the import was interrupted and ask for the file again; their
    staged rows and files are deleted. The previous submission of each stays active.
    """
    now = timezone.now()
    dead = {
        w.worker_id for w in Worker.objects.exclude(worker_id=current_worker_id) if _is_dead(w, now)
    }
    alive = set(Worker.objects.values_list("worker_id", flat=True)) - dead
    orphaned = [
        task for task in DBTaskResult.objects.filter(status="RUNNING")
        if not task.worker_ids or task.worker_ids[-1] not in alive
    ]
    submission_ids = []
    for task in orphaned:
        task.status = "FAILED"
        task.finished_at = now
        task.exception_class_path = "kooperacja.operations.WorkerDied"
        task.traceback = "the worker running this task stopped"
        task.save(update_fields=["status", "finished_at", "exception_class_path", "traceback"])
        if task.task_path == IMPORT_TASK:
            submission_ids += task.args_kwargs.get("args", [])[:1]
    interrupted = list(Submission.objects.in_progress().filter(pk__in=submission_ids))
    for submission in interrupted:
        delete_submission_rows([submission.pk])
        submission.status = Submission.Status.FAILED
        submission.error = Submission.INTERRUPTED
        submission.finished_at = now
        submission.save(update_fields=["status", "error", "finished_at", "updated_at"])
    Worker.objects.filter(worker_id__in=dead).delete()
    return len(interrupted)


class Heartbeat(threading.Thread):
    """Stamps the worker's ``seen_at``; with :class:`ParentWatch` beside it, stops the
    worker when its parent `serve` is gone."""

    def __init__(self, worker_id: str) -> None:
        super().__init__(name="kooperacja-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.stopped = threading.Event()
        parent = os.environ.get(PARENT_ENV, "")
        self.watch = ParentWatch(int(parent)) if parent.isdigit() else None

    def start(self) -> None:
        if self.watch is not None:
            self.watch.start()
        super().start()

    def run(self) -> None:
        try:
            while not self.stopped.wait(BEAT):
                try:
                    close_old_connections()
                    Worker.objects.filter(worker_id=self.worker_id).update(seen_at=timezone.now())
                except DatabaseError:
                    log.warning("heartbeat not written (database busy); retrying")
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopped.set()
        if self.watch is not None:
            self.watch.stopped.set()


# How often the worker looks for its parent, and how long it then gives its import (as
# `serve` does when it stops the worker: operations/services/serving.py).
PARENT_POLL = 1.0
PARENT_GRACE = 10.0


class ParentWatch(threading.Thread):
    """Stops this process when the `serve` process ``parent`` is gone (killed, even with
    SIGKILL, so that it could not stop its worker).

    Its own thread, apart from the heartbeat, which may wait on a busy database. The
    parent is gone when this process was handed to another one (``os.getppid()``
    changed). Then, as `serve` would: SIGTERM (an idle worker exits at once, an import
    may finish), after :data:`PARENT_GRACE` a second SIGTERM (the import is interrupted and
    its report says so), and after as long again an immediate exit (the next worker marks
    the import failed)."""

    def __init__(self, parent: int, *, poll: float = PARENT_POLL,
                 grace: float = PARENT_GRACE) -> None:
        super().__init__(name="kooperacja-parent-watch", daemon=True)
        self.parent, self.poll, self.grace = parent, poll, grace
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(self.poll):
            if os.getppid() != self.parent:
                break
        else:
            return
        log.warning("the serve process that started this worker is gone; stopping")
        for _ in range(2):
            os.kill(os.getpid(), signal.SIGTERM)
            if self.stopped.wait(self.grace):
                return
        log.warning("the worker did not stop; exiting now")
        os._exit(1)
