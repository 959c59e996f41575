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
                             cast.a, "2025", "mops", user=cast.partner_a)
    pup = import_submission(
        write_csv(tmp_path / "p.csv", PUP_HEADER,
                  [[pesel(1), "A", "B", "Długa 1", "Testowo", "do 30 roku życia", "staż", ""]]),
        cast.b, "2025", "pup", user=cast.partner_b)
    return cast, mops, pup


def test_it_shows_partners_their_own_submissions_only(sent):
    cast, mops, pup = sent
    assert list(submissions_for(cast.partner_a)) == [mops]
    assert list(submissions_for(cast.partner_b)) == [pup]
    assert set(submissions_for(cast.installation)) == {mops, pup}
    assert not submissions_for(AnonymousUser()).exists()


def unit_counts_for(user):
    return policy.scoped(UnitCount.objects.all(), user, Action.VIEW_COUNTS,
                         institution="institution_id", territory="unit__territory__code")


def can_upload(user, institution):
    return policy.allows(user, Action.UPLOAD, institution=institution)


def test_it_shows_analysts_all_counts_of_their_territory_and_partners_their_own(sent):
    cast, _, _ = sent
    def institutions(user):
        return set(unit_counts_for(user).values_list("institution__code", flat=True))

    assert institutions(cast.analyst_x) == {"a", "b"}
    assert institutions(cast.partner_a) == {"a"}
    assert institutions(cast.partner_b) == {"b"}
    assert not unit_counts_for(AnonymousUser()).exists()


def test_it_lets_partners_upload_for_their_institution_only(cast):
    assert can_upload(cast.partner_a, cast.a.pk) and not can_upload(cast.partner_a, cast.b.pk)
    assert can_upload(cast.partner_b, cast.b.pk) and not can_upload(cast.partner_b, cast.a.pk)
    assert not can_upload(cast.analyst_x, cast.a.pk)


def test_it_gives_record_level_data_to_administrators_only_and_audits_it(sent):
    cast, mops, _ = sent
    for someone in (cast.partner_a, cast.partner_b, cast.analyst_x):
        with pytest.raises(PermissionDenied):
            read_records(someone, mops, "checking")
    with pytest.raises(PermissionDenied):
        read_records(cast.installation, mops, "  ")
    assert read_records(cast.installation, mops, "complaint 12/2025").count() == 1
    event = AuditEvent.objects.get(action="record_read")
    assert (event.actor, event.object_id, event.detail) == (
        "installation@example.org", str(mops.pk), {"reason": "complaint 12/2025"})
    assert AuditEvent.objects.filter(action="upload", actor="partner_a@example.org").exists()
