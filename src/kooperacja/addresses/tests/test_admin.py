"""The review queue in the admin: the candidates' map and resolving by an alias."""

from __future__ import annotations

import pytest

from kooperacja.addresses.models import ReviewItem, StreetAlias
from kooperacja.addresses.services.register import import_addresses
from kooperacja.addresses.services.review import queue_for_review
from kooperacja.addresses.tests.registers import konotop_register

pytestmark = pytest.mark.django_db


def test_it_resolves_an_item_by_an_alias_from_its_change_form(admin_client, tmp_path):
    import_addresses(konotop_register(tmp_path / "r.csv"))
    queue_for_review(["Podgorna 99"], ["Konotop"], ["street_only"])
    item = ReviewItem.objects.get()
    url = f"/admin/addresses/reviewitem/{item.pk}/change/"
    page = admin_client.get(url)
    assert page.status_code == 200 and b"leaflet/leaflet.js" in page.content
    refused = admin_client.post(url, {"resolved_point": "", "alias_street": "Nieznana"})
    assert refused.status_code == 200 and not StreetAlias.objects.exists()
    done = admin_client.post(url, {"resolved_point": "", "alias_street": "Podgórna"})
    assert done.status_code == 302
    assert StreetAlias.objects.get().street == "Podgórna"
    item.refresh_from_db()
    assert item.resolved_at is not None


def test_the_register_is_read_only_in_the_admin(admin_client, tmp_path):
    import_addresses(konotop_register(tmp_path / "r.csv"))
    assert admin_client.get("/admin/addresses/addresspoint/?q=Lipowa").status_code == 200
    assert admin_client.get("/admin/addresses/addresspoint/add/").status_code == 403
