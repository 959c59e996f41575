"""The directory and "help near an address" are built once per change of what they show
(territory/answers.py), and every change shows on the next request."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from kooperacja.addresses.models import AddressPoint
from kooperacja.records.models import Institution
from kooperacja.resources.models import ResourceKind
from kooperacja.resources.tests.conftest import make_resource

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelter(town):
    at = AddressPoint.objects.get(source_id="p-podgorna-2")
    return make_resource("Noclegownia", address="Podgórna 2", lon=at.lon, lat=at.lat)


def near(client) -> list[str]:
    answer = json.loads(
        client.get("/api/v1/resources/near", {"address": "Podgórna 4 Konotop"}).content
    )
    return [r["resource"]["name"] for r in answer["resources"]]


def test_a_new_resource_shows_in_the_directory_and_near_an_address(client, shelter):
    assert "Jadłodajnia" not in client.get("/zasoby/").content.decode()
    assert near(client) == ["Noclegownia"]
    at = AddressPoint.objects.get(source_id="p-lipowa-1")
    make_resource("Jadłodajnia", "soup_kitchen", address="Lipowa 1", lon=at.lon, lat=at.lat)
    assert "Jadłodajnia" in client.get("/zasoby/").content.decode()
    assert sorted(near(client)) == ["Jadłodajnia", "Noclegownia"]


def test_a_resource_made_private_leaves_them(client, shelter):
    assert "Noclegownia" in client.get("/zasoby/").content.decode()
    shelter.is_public = False
    shelter.save()
    assert "Noclegownia" not in client.get("/zasoby/").content.decode()
    assert near(client) == []


def test_a_renamed_kind_or_owner_shows(client, shelter):
    shelter.owner = Institution.objects.create(code="mops", name="MOPS", kind="mops")
    shelter.save()
    answer = json.loads(
        client.get("/api/v1/resources/near", {"address": "Podgórna 4 Konotop"}).content
    )
    assert answer["resources"][0]["resource"]["owner"] == "MOPS"
    owner = Institution.objects.get(code="mops")
    owner.name = "MOPS Konotop"
    owner.save()
    kind = ResourceKind.objects.get(code="shelter")
    kind.label_en = kind.label_pl = "Schronisko"
    kind.save()
    answer = json.loads(
        client.get("/api/v1/resources/near", {"address": "Podgórna 4 Konotop"}).content
    )
    assert answer["resources"][0]["resource"]["owner"] == "MOPS Konotop"
    assert answer["resources"][0]["resource"]["kind_label"] == "Schronisko"


def test_each_visitor_gets_a_form_token_of_their_own(shelter):
    """The listing is stored; the near form and its CSRF token are not."""
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.get("/zasoby/")
    page = second.get("/zasoby/")
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
    posted = second.post("/zasoby/w-poblizu/", {"address": "Podgórna 4 Konotop",
                                                 "csrfmiddlewaretoken": _token(page)})
    assert posted.status_code == 200 and "Noclegownia" in posted.content.decode()


def _token(response) -> str:
    html = response.content.decode()
    start = html.index('name="csrfmiddlewaretoken" value="') + len(
        'name="csrfmiddlewaretoken" value="'
    )
    return html[start:html.index('"', start)]


def test_an_entry_verified_in_the_admin_is_no_longer_marked_unconfirmed(client, shelter, cast):
    """The admin's action updates in bulk, which sends no signal."""
    unconfirmed = 'class="stale"'
    assert unconfirmed in client.get("/zasoby/").content.decode()
    admin = Client()
    admin.force_login(cast.installation)
    admin.post("/admin/resources/resource/", {"action": "mark_verified",
                                              "_selected_action": [shelter.pk]})
    assert unconfirmed not in client.get("/zasoby/").content.decode()
