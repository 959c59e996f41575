"""Results by sex and age band, per offer and summed, against the targets (hand-computed)."""

from __future__ import annotations

import datetime as dt

import pytest

from kooperacja.training.models import Applicant, Offer
from kooperacja.training.services import recruitment
from kooperacja.training.services.results import participants_export, results
from kooperacja.training.tests.conftest import application, make_offer

pytestmark = pytest.mark.django_db


def _run(offer, staff, people):
    """people: (sex, band, score or None, "started"/"completed"/"outcome"/"")."""
    made = []
    for n, (sex, band, score, stage) in enumerate(people):
        person = recruitment.apply(offer, application(f"P{n}", sex, band, birth_year=1990))
        recruitment.qualify(person, staff, qualified=score is not None, score=score)
        made.append((person, stage))
    recruitment.select(offer, staff)
    for person, stage in made:
        if stage:
            recruitment.start(person, offer.starts_on, staff)
        if stage in ("completed", "outcome"):
            recruitment.finish(person, staff, completed=True, day=offer.ends_on,
                               outcome="employed" if stage == "outcome" else "seeking")
        elif stage == "started":
            recruitment.finish(person, staff, completed=False, day=offer.ends_on)


def test_results_count_each_stage_by_sex_and_age_band(personas):
    staff = personas.partner_a
    one = make_offer(personas.a, capacity=4, target_women=3, target_men=1)
    two = make_offer(personas.a, capacity=2, title="Second", target_women=1, target_men=None)
    _run(one, staff, [("K", "<25", 90, "outcome"), ("K", "25-54", 80, "completed"),
                      ("M", "55+", 70, "started"), ("K", "25-54", 60, "outcome"),
                      ("M", "<25", 50, ""), ("K", "55+", None, "")])
    _run(two, staff, [("M", "25-54", 10, "completed"), ("K", "<25", 20, "outcome")])

    first = {r.stage: r for r in results(Offer.objects.filter(pk=one.pk)).rows}
    # Applied 6: K 4 (<25 1, 25-54 2, 55+ 1), M 2 (<25 1, 55+ 1).
    assert (first["applied"].total, first["applied"].by_sex) == (6, {"K": 4, "M": 2})
    assert first["applied"].cells() == [1, 2, 1, 1, 0, 1]
    # Qualified 5 (the K 55+ was not); 4 selected and started; the M <25 waits in reserve.
    assert first["qualified"].cells() == [1, 2, 0, 1, 0, 1]
    assert first["started"].cells() == [1, 2, 0, 0, 0, 1]
    assert first["completed"].cells() == [1, 2, 0, 0, 0, 0]
    assert first["outcome"].cells() == [1, 1, 0, 0, 0, 0]

    both = results(Offer.objects.filter(pk__in=[one.pk, two.pk]))
    rows = {r.stage: r for r in both.rows}
    assert rows["applied"].total == 8 and rows["applied"].by_sex == {"K": 5, "M": 3}
    assert rows["completed"].by_sex == {"K": 4, "M": 1}
    assert rows["outcome"].cells() == [2, 1, 0, 0, 0, 0]
    assert (both.target_women, both.target_men) == (4, 1)
    assert (both.completed_women, both.completed_men) == (4, 1)


def test_the_esf_participant_list_has_no_names(personas):
    offer = make_offer(personas.a)
    _run(offer, personas.partner_a, [("K", "25-54", 5, "outcome"), ("M", "<25", 3, "")])
    export = participants_export(Offer.objects.filter(pk=offer.pk))
    rows = list(export.rows)
    assert len(rows) == 1  # only who started
    [row] = rows
    assert row["sex"] == "K" and row["age"] == 2026 - 1990 and row["outcome"] == "employed"
    assert row["started_on"] == dt.date(2026, 4, 13).isoformat()
    assert "P0" not in str(rows) and "name" not in export.columns
    assert Applicant.objects.count() == 2
