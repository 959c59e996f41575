"""After a new submission becomes active the task worker warms what a unit page's first
visitor would otherwise wait for (web/services/warm.py): the first page of a level then
computes no published values and no hot spots."""

from __future__ import annotations

from unittest import mock

import pytest
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from kooperacja.indicators.models import PublishedValues
from kooperacja.indicators.services import published
from kooperacja.indicators.tests.world import build_city, counts
from kooperacja.territory import answers
from kooperacja.web.services import profile
from kooperacja.web.services.warm import WARM_TASK, warm

pytestmark = pytest.mark.django_db


def run_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    # The test's transaction stands for the worker's process: its connection stays open.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    db_worker.Worker(queue_names=["default"], interval=0, batch=True, backend_name="default",
           startup_delay=False, max_tasks=None, worker_id="test-worker",
           excluded_queue_names=[]).run()


class Spy:
    """Counts the calls of what a warm page must not do: computing published values and
    hot spots."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[str] = []
        for module, name in ((published, "compute_indicator"), (profile, "hotspots")):
            real = getattr(module, name)
            monkeypatch.setattr(module, name, mock.Mock(
                wraps=real, side_effect=lambda *a, _n=name, _r=real, **k: (
                    self.calls.append(_n), _r(*a, **k))[1]))


@pytest.fixture
def city(db):
    units = build_city()
    counts(units, "2024", {"E1": 10, "E2": 10, "E3": 20, "E4": 2})
    return units


def test_after_an_import_the_worker_warms_the_first_unit_page(
    client, city, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        counts(city, "2025", {"E1": 30, "E2": 10, "E3": 20, "E4": 3})  # a new submission
    queued = DBTaskResult.objects.filter(task_path=WARM_TASK)
    assert [t.status for t in queued] == ["READY"]  # one task, however many changes
    assert not PublishedValues.objects.exists()  # nothing built in the request
    run_worker(monkeypatch)
    assert [t.status for t in queued.all()] == ["SUCCESSFUL"]
    kinds = set(PublishedValues.objects.values_list("classification", flat=True))
    assert {"quantiles", "hotspots", "gaps"} <= kinds

    answers.forget()  # the site's process: nothing of the worker's in its memory
    spy = Spy(monkeypatch)
    for level, code in (("estate", "E1"), ("district", "D1"), ("estate", "E2")):
        response = client.get(f"/obszar/{level}/{code}/")
        assert response.status_code == 200
    assert spy.calls == []

    # Warming again costs nothing: everything is stored at the current version.
    answers.forget()
    assert warm()["indicators"] >= 1
    assert spy.calls == []


def test_without_warming_the_first_page_builds_its_hot_spots(client, city, monkeypatch):
    spy = Spy(monkeypatch)
    assert client.get("/obszar/estate/E1/").status_code == 200
    assert "hotspots" in spy.calls and "compute_indicator" in spy.calls
