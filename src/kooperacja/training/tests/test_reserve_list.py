"""Selection up to capacity by score and the reserve list moving up in order, with a
notice to the one moved up (hand-computed truth)."""

from __future__ import annotations

import pytest
from django.core import mail

from kooperacja.core.errors import UserError
from kooperacja.records.models import AuditEvent
from kooperacja.training.models import Applicant
from kooperacja.training.services import recruitment
from kooperacja.training.tests.conftest import application

pytestmark = pytest.mark.django_db
S = Applicant.Status


def _status(*people: Applicant) -> list[str]:
    return [Applicant.objects.get(pk=p.pk).status for p in people]


def test_selection_fills_capacity_by_score_and_the_reserve_moves_up_in_order(
        personas, offer, django_capture_on_commit_callbacks):
    staff = personas.partner_a
    # Scores: A 50, B 90, C 70, D 70 (applied after C), E 60, F not qualified. Capacity 3.
    people = {}
    for name, score in (("A", 50), ("B", 90), ("C", 70), ("D", 70), ("E", 60), ("F", None)):
        people[name] = recruitment.apply(offer, application(f"Person {name}",
                                                            email=f"{name.lower()}@example.org"))
        recruitment.qualify(people[name], staff, qualified=score is not None, score=score)
    chosen = recruitment.select(offer, staff)
    # Selected B (90), C (70, earlier), D (70); reserve E (60) then A (50); F rejected.
    assert [a.pk for a in chosen.selected] == [people[n].pk for n in "BCD"]
    assert [a.pk for a in chosen.reserve] == [people[n].pk for n in "EA"]
    assert list(recruitment.reserve_list(offer)) == [people["E"], people["A"]]
    assert _status(people["F"]) == [S.REJECTED]

    with django_capture_on_commit_callbacks(execute=True):
        promoted = recruitment.withdraw(people["C"], staff)
    assert promoted == people["E"]
    assert _status(people["C"], people["E"], people["A"]) == [S.RESIGNED, S.SELECTED, S.RESERVE]
    assert [m.to for m in mail.outbox] == [["e@example.org"]]
    assert "Forklift operator" in mail.outbox[0].subject

    with django_capture_on_commit_callbacks(execute=True):
        promoted = recruitment.withdraw(people["B"], staff, status=S.NOT_STARTED)
    assert promoted == people["A"]
    assert _status(people["B"], people["A"]) == [S.NOT_STARTED, S.SELECTED]
    # Nobody waits any more: a third leaving frees a place nobody takes.
    assert recruitment.withdraw(people["D"], staff) is None
    assert recruitment.free_places(offer) == 1
    assert [m.to for m in mail.outbox] == [["e@example.org"], ["a@example.org"]]
    changes = AuditEvent.objects.filter(action="admin_change")
    assert changes.filter(detail__change="promote").count() == 2
    assert changes.filter(detail__change="withdraw").count() == 3


def test_only_a_selected_participant_can_leave(personas, offer):
    person = recruitment.apply(offer, application("Person A"))
    with pytest.raises(UserError):
        recruitment.withdraw(person, personas.partner_a)


def test_a_later_selection_fills_freed_places_from_the_qualified_and_the_reserve(
        personas, offer):
    staff = personas.steward_a
    first = [recruitment.apply(offer, application(f"P{n}")) for n in range(4)]
    for n, person in enumerate(first):
        recruitment.qualify(person, staff, qualified=True, score=10 * n)
    recruitment.select(offer, staff)  # P3, P2, P1 selected; P0 on the reserve list
    late = recruitment.apply(offer, application("Late"))
    recruitment.qualify(late, staff, qualified=True, score=100)
    assert recruitment.select(offer, staff).selected == []  # no free place
    # The late applicant with the best score waits first on the list.
    assert list(recruitment.reserve_list(offer)) == [late, first[0]]
