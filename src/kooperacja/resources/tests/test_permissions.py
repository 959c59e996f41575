"""Each institution edits its own entries; the installation's administrators edit all and
verify, an institution's administrator its own institution's only."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from kooperacja import policy
from kooperacja.policy import Action
from kooperacja.resources.models import Resource
from kooperacja.resources.tests.conftest import make_resource

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(cast):
    return (make_resource("Punkt MOPS", owner=cast.a),
            make_resource("Punkt fundacji", owner=cast.b))


def editable_resources(user):
    return policy.scoped(Resource.objects.all(), user, Action.EDIT_RESOURCE, institution="owner_id")


def can_edit(user, resource):
    return policy.allows(user, Action.EDIT_RESOURCE, institution=resource.owner_id)


def check_can_edit(user, resource):
    policy.check(user, Action.EDIT_RESOURCE, institution=resource.owner_id)


def change_url(resource: Resource) -> str:
    return f"/admin/resources/resource/{resource.pk}/change/"


def test_it_lets_a_partner_edit_only_its_institutions_entries(cast, entries):
    own, other = entries
    assert list(editable_resources(cast.partner_a)) == [own]
    assert can_edit(cast.partner_a, own) and not can_edit(cast.partner_a, other)
    with pytest.raises(PermissionDenied):
        check_can_edit(cast.partner_a, other)
    assert list(editable_resources(cast.partner_b)) == [other]


def test_it_lets_no_analyst_or_visitor_edit(cast, entries):
    from django.contrib.auth.models import AnonymousUser

    assert not editable_resources(cast.analyst_x).exists()
    assert not can_edit(AnonymousUser(), entries[0])


def test_the_admin_lists_and_opens_only_the_partners_own_entries(client, cast, entries):
    own, other = entries
    client.force_login(cast.partner_a)
    listing = client.get("/admin/resources/resource/").content.decode()
    assert "Punkt MOPS" in listing and "Punkt fundacji" not in listing
    assert client.get(change_url(own)).status_code == 200
    assert client.get(change_url(other)).status_code == 302  # "does not exist" for her
    response = client.post(change_url(other), {"name": "Przejęte"})
    assert response.status_code == 302
    assert Resource.objects.get(pk=other.pk).name == "Punkt fundacji"


def test_a_partner_cannot_give_an_entry_to_another_institution(client, cast, entries):
    own, _ = entries
    client.force_login(cast.partner_a)
    page = client.get(change_url(own)).content.decode()
    assert "Institution A" in page and "Institution B" not in page


def test_an_administrator_edits_every_entry_and_verifies(client, cast, entries):
    own, other = entries
    client.force_login(cast.installation)
    assert client.get(change_url(other)).status_code == 200
    client.post("/admin/resources/resource/", {
        "action": "mark_verified", "_selected_action": [own.pk, other.pk]})
    assert set(Resource.objects.values_list("last_verified", flat=True)) == {timezone.localdate()}
    assert Resource.objects.get(pk=own.pk).verified_by == cast.installation


def test_a_partner_cannot_verify(client, cast, entries):
    own, _ = entries
    client.force_login(cast.partner_a)
    page = client.get("/admin/resources/resource/").content.decode()
    assert "mark_verified" not in page
    client.post("/admin/resources/resource/",
                {"action": "mark_verified", "_selected_action": [own.pk]})
    assert Resource.objects.get(pk=own.pk).last_verified is None


def test_an_institution_administrator_edits_and_verifies_its_own_entries_only(client, personas):
    own = make_resource("Punkt A", owner=personas.a)
    other = make_resource("Punkt B", owner=personas.b)
    client.force_login(personas.admin_a)
    assert client.get(change_url(own)).status_code == 200
    assert client.get(change_url(other)).status_code == 302  # "does not exist" for her
    client.post(f"/admin/resources/resource/{other.pk}/delete/", {"post": "yes"})
    client.post("/admin/resources/resource/", {
        "action": "mark_verified", "_selected_action": [own.pk, other.pk]})
    assert Resource.objects.get(pk=own.pk).last_verified == timezone.localdate()
    assert Resource.objects.get(pk=other.pk).last_verified is None


def test_a_partner_may_look_up_points_and_units_for_its_entries_but_not_change_them(client,
                                                                                   cast):
    client.force_login(cast.partner_a)
    for model in ("addresses/addresspoint", "territory/unit"):
        assert client.get(f"/admin/{model}/", {"_popup": 1, "_to_field": "id"}).status_code == 200
        assert client.get(f"/admin/{model}/add/").status_code == 403
    client.force_login(cast.analyst_x)
    assert client.get("/admin/territory/unit/", {"_popup": 1}).status_code == 302  # to log in
