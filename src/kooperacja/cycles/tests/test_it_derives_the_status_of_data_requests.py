"""A data request's status follows the submissions (hand-built here): requested, received
with errors, received, approved, and late when past due with nothing received; the grid
shows each as green, amber or red with its words, computed in a fixed number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from kooperacja.cycles.models import DataRequest
from kooperacja.cycles.services.cycles import create_cycle, request_data
from kooperacja.cycles.services.reminders import late_reminders, send_reminder
from kooperacja.cycles.services.status import grid, statuses
from kooperacja.cycles.tests.world import TODAY, sent
from kooperacja.records.models import Institution, Submission

pytestmark = pytest.mark.django_db
PAST, FUTURE = TODAY - dt.timedelta(days=1), TODAY + dt.timedelta(days=10)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def cycle(personas):
    return create_cycle(personas.coordinator, name="Diagnoza 2025", territory=personas.x,
                        period="2025")


def ask(cycle, institution, due=FUTURE, layout="mops", period=""):
    return request_data(None, cycle, institution, due_date=due, layout=layout, period=period)


def status_of(request):
    found = statuses([request], TODAY)[0]
    return found.status, found.late, found.colour, found.label


def test_nothing_sent_is_requested_amber_and_late_red_after_the_due_date(personas, cycle):
    assert status_of(ask(cycle, personas.a)) == ("requested", False, "amber", "requested")
    late = ask(cycle, personas.b, due=PAST, layout="pup")
    assert status_of(late) == ("requested", True, "red", "late")


def test_a_submission_in_use_is_received_and_approved_once_the_steward_approves(personas, cycle):
    request = ask(cycle, personas.a, due=PAST)
    submission = sent(personas.a)
    assert status_of(request) == ("received", False, "green", "received")
    submission.review = Submission.Review.APPROVED
    submission.save()
    assert status_of(request) == ("approved", False, "green", "approved")


def test_rejected_rows_or_a_rejected_file_are_received_with_errors(personas, cycle):
    request = ask(cycle, personas.a, due=PAST)
    sent(personas.a, status=Submission.Status.REJECTED)
    assert status_of(request) == ("errors", False, "amber", "received with errors")
    sent(personas.a, rejected=3)
    assert status_of(request)[0] == "errors"


def test_it_counts_only_the_requested_layout_and_period_and_no_replaced_submission(
        personas, cycle):
    request = ask(cycle, personas.a, due=PAST)
    sent(personas.a, layout="aggregate")
    sent(personas.a, period="2024")
    sent(personas.a, status=Submission.Status.REPLACED)
    sent(personas.b, layout="mops")
    assert status_of(request)[:2] == ("requested", True)


def test_the_grid_is_institutions_by_periods_in_a_fixed_number_of_queries(personas, cycle):
    ask(cycle, personas.a)
    ask(cycle, personas.a, period="2025-H1")
    ask(cycle, personas.b, due=PAST, layout="pup")
    sent(personas.a)
    sent(personas.a, period="2025-H1", review=Submission.Review.APPROVED)
    for n in range(5):  # more institutions do not cost more queries
        ask(cycle, Institution.objects.create(code=f"ngo-{n}", name=f"NGO {n}", kind="ngo"),
            layout="aggregate")
    requests = DataRequest.objects.select_related("institution", "code_list")
    with CaptureQueriesContext(connection) as queries:
        found = grid(requests, TODAY)
    assert len(queries) == 2  # the requests and their submissions
    assert found.periods == ["2025", "2025-H1"]
    rows = {i.code: [c and (c.colour, c.label) for c in cells] for i, cells in found.rows}
    assert rows["a"] == [("green", "received"), ("green", "approved")]
    assert rows["b"] == [("red", "late"), None]
    assert rows["ngo-0"] == [("amber", "requested"), None]
    assert found.counts() == {"received": 1, "approved": 1, "late": 1, "requested": 5}


def test_the_reminder_goes_to_the_late_institution_only(personas, cycle):
    ask(cycle, personas.a, due=PAST)
    sent(personas.a)
    ask(cycle, personas.b, due=PAST, layout="pup")
    other = Institution.objects.create(code="ngo", name="NGO", kind="ngo", territory=personas.x)
    ask(cycle, other, due=FUTURE, layout="aggregate")
    found = late_reminders(today=TODAY)
    assert [r.institution.code for r in found] == ["b"]
    assert found[0].emails == ["partner_b@example.org"]
    assert send_reminder(found[0]) == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["partner_b@example.org"]
    assert "pup" in mail.outbox[0].body and "2025" in mail.outbox[0].body


def test_the_command_lists_the_late_ones_and_sends_with_send(personas, cycle, capsys):
    ask(cycle, personas.b, due=dt.date(2020, 1, 1), layout="pup")
    call_command("remind_submissions")
    assert "Institution B" in capsys.readouterr().out and mail.outbox == []
    call_command("remind_submissions", "--send", "--cycle", str(cycle.pk))
    assert [m.to for m in mail.outbox] == [["partner_b@example.org"]]
