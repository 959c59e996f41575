"""Who sees what, from both sides, with the shared cast."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from kooperacja import policy
from kooperacja.policy import Action
from kooperacja.records.models import AuditEvent, UnitCount
from kooperacja.records.services.audit import read_records
from kooperacja.records.services.importing import import_submission
from kooperacja.records.tests.world import MOPS_HEADER, PUP_HEADER, mops_row, pesel, write_csv
from kooperacja.records.views import submissions_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(tmp_path, cast):
    mops = import_submission(write_csv(tmp_path / "m.csv", MOPS_HEADER, [mops_row(1)]),
                             cast.mops, "2025", "mops", user=cast.alice)
    pup = import_submission(
        write_csv(tmp_path / "p.csv", PUP_HEADER,
                  [[pesel(1), "A", "B", "Długa 1", "Testowo", "do 30 roku życia", "staż", ""]]),
        cast.pup, "2025", "pup", user=cast.bob)
    return cast, mops, pup


def test_it_shows_partners_their_own_submissions_only(sent):
    cast, mops, pup = sent
    assert list(submissions_for(cast.alice)) == [mops]
    assert list(submissions_for(cast.bob)) == [pup]
    assert set(submissions_for(cast.root)) == {mops, pup}
    assert not submissions_for(AnonymousUser()).exists()


def unit_counts_for(user):
    return policy.scoped(UnitCount.objects.all(), user, Action.VIEW_COUNTS,
                         institution="institution_id", territory="unit__territory__code")


def can_upload(user, institution):
    return policy.allows(user, Action.UPLOAD, institution=institution)


def test_it_shows_analysts_all_counts_of_their_territory_and_partners_their_own(sent):
    cast, _, _ = sent
    assert set(unit_counts_for(cast.ana).values_list("institution__code", flat=True)) == {
        "mops", "pup"}
    assert set(unit_counts_for(cast.alice).values_list("institution__code", flat=True)) == {"mops"}
    assert set(unit_counts_for(cast.bob).values_list("institution__code", flat=True)) == {"pup"}
    assert not unit_counts_for(AnonymousUser()).exists()


def test_it_lets_partners_upload_for_their_institution_only(cast):
    assert can_upload(cast.alice, cast.mops.pk) and not can_upload(cast.alice, cast.pup.pk)
    assert can_upload(cast.bob, cast.pup.pk) and not can_upload(cast.bob, cast.mops.pk)
    assert not can_upload(cast.ana, cast.mops.pk)


def test_it_gives_record_level_data_to_administrators_only_and_audits_it(sent):
    cast, mops, _ = sent
    for someone in (cast.alice, cast.bob, cast.ana):
        with pytest.raises(PermissionDenied):
            read_records(someone, mops, "checking")
    with pytest.raises(PermissionDenied):
        read_records(cast.root, mops, "  ")
    assert read_records(cast.root, mops, "complaint 12/2025").count() == 1
    event = AuditEvent.objects.get(action="record_read")
    assert (event.actor, event.object_id, event.detail) == ("root", str(mops.pk),
                                                            {"reason": "complaint 12/2025"})
    assert AuditEvent.objects.filter(action="upload", actor="alice").exists()
