"""The review queue: what it keeps, how long, and what a resolution teaches the geocoder."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from kooperacja.addresses.models import AddressPoint, ReviewItem, StreetAlias
from kooperacja.addresses.services.geocoding import geocode
from kooperacja.addresses.services.register import import_addresses
from kooperacja.addresses.services.review import (
    queue_for_review,
    resolve_with_alias,
    resolve_with_point,
)
from kooperacja.addresses.tests.registers import konotop_register

pytestmark = pytest.mark.django_db


@pytest.fixture
def konotop(tmp_path):
    import_addresses(konotop_register(tmp_path / "r.csv"))


def test_it_queues_only_what_was_not_matched_and_only_once(konotop):
    texts = ["Stalina 2", "Podgórna 2", "Stalina 2", "Podgórna 99"]
    found = geocode(texts, ["Konotop"] * 4)
    assert queue_for_review(texts, ["Konotop"] * 4, [f.status for f in found]) == 2
    assert sorted(ReviewItem.objects.values_list("text", "status")) == [
        ("Podgórna 99", "street_only"), ("Stalina 2", "unmatched")]
    assert queue_for_review(["Stalina 2"], ["Konotop"], ["unmatched"]) == 0


def test_an_alias_added_from_the_queue_is_used_by_the_next_geocode(konotop):
    assert geocode(["Stalina 2"], ["Konotop"])[0].status == "unmatched"
    queue_for_review(["Stalina 2"], ["Konotop"], ["unmatched"])
    item = ReviewItem.objects.get()
    resolve_with_alias(item, "Podgórna", "Konotop")
    found = geocode(["Stalina 2"], ["Konotop"])[0]
    assert (found.status, found.method, found.source_id) == ("matched", "alias", "p-podgorna-2")
    item.refresh_from_db()
    assert item.resolved_at is not None


def test_picking_a_point_teaches_the_written_street(konotop):
    queue_for_review(["Bieruta 4"], ["Konotop"], ["unmatched"])
    point = AddressPoint.objects.get(source_id="p-podgorna-4")
    resolve_with_point(ReviewItem.objects.get(), point)
    assert StreetAlias.objects.get().street == "Podgórna"
    assert geocode(["Bieruta 2"], ["Konotop"])[0].source_id == "p-podgorna-2"


def test_ambiguous_items_list_their_candidate_points(tmp_path):
    from kooperacja.addresses.tests.registers import point, write_register

    import_addresses(write_register(tmp_path / "two.csv", [
        point("a", "Lipowa", "5"), point("b", "Lipowa", "5", 500, locality="Kolsko")]))
    found = geocode(["Lipowa 5"])[0]
    assert found.status == "ambiguous"
    queue_for_review(["Lipowa 5"], None, [found.status])
    candidates = ReviewItem.objects.get().candidates
    found = AddressPoint.objects.filter(pk__in=candidates).values_list("source_id", flat=True)
    assert sorted(found) == ["a", "b"]


def test_an_address_near_two_streets_is_queued_unmatched_with_both_as_candidates(tmp_path):
    from kooperacja.addresses.tests.registers import point, write_register

    import_addresses(write_register(tmp_path / "near.csv", [
        point("g3", "Bartosza Głowackiego", "3"), point("s3", "Juliusza Słowackiego", "3", 100),
        point("m3", "Matejki", "3", 200)]))
    texts = ["Głowackigo 3", "Matejkówka 3"]
    found = geocode(texts, ["Konotop"] * 2)
    assert [(f.status, f.point_id) for f in found] == [("unmatched", None)] * 2
    queue_for_review(texts, ["Konotop"] * 2, [f.status for f in found])
    near = ReviewItem.objects.get(text="Głowackigo 3")
    assert list(AddressPoint.objects.filter(pk__in=near.candidates)
                .order_by("source_id").values_list("source_id", flat=True)) == ["g3", "s3"]
    # The nearest street is offered first.
    assert AddressPoint.objects.get(pk=near.candidates[0]).source_id == "g3"
    assert ReviewItem.objects.get(text="Matejkówka 3").candidates == []


def test_expired_items_are_purged(konotop, settings):
    settings.KOOPERACJA_REVIEW_RETENTION_DAYS = 30
    queue_for_review(["Stalina 2", "Bieruta 1"], ["Konotop", "Konotop"], ["unmatched", "unmatched"])
    old = ReviewItem.objects.get(text="Stalina 2")
    assert abs(old.expires_at - old.created_at - dt.timedelta(days=30)) < dt.timedelta(seconds=5)
    ReviewItem.objects.filter(pk=old.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert "1" in call_command("purge_review")
    assert list(ReviewItem.objects.values_list("text", flat=True)) == ["Bieruta 1"]


def test_an_import_purges_expired_items_first(konotop, tmp_path):
    queue_for_review(["Stalina 2"], ["Konotop"], ["unmatched"])
    ReviewItem.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    import_addresses(konotop_register(tmp_path / "again.csv"))
    assert not ReviewItem.objects.exists()
