"""Output encoding: what a partner typed into a resource never runs in a reader's browser
or spreadsheet (issue 16)."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.exceptions import ValidationError

from kooperacja.addresses.models import AddressPoint
from kooperacja.records.models import AuditEvent
from kooperacja.resources.tests.conftest import make_resource

pytestmark = pytest.mark.django_db

PAYLOADS = ["=cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "=1+1", "+1+1", "-1+1",
            "\t=1+1", "\r=1+1"]


@pytest.fixture
def point(town):
    return AddressPoint.objects.get(source_id="p-podgorna-2")


def test_it_shows_a_javascript_website_as_text_not_a_link(client, point):
    resource = make_resource("Punkt", lon=point.lon, lat=point.lat,
                             website="javascript:alert(document.domain)")
    page = client.get(f"/zasoby/{resource.pk}/").content.decode()
    assert "javascript:alert(document.domain)" in page
    assert 'href="javascript:' not in page.lower()


def test_it_refuses_a_website_that_is_not_a_web_page(point):
    resource = make_resource("Punkt", lon=point.lon, lat=point.lat,
                             website="javascript:alert(document.domain)")
    with pytest.raises(ValidationError) as error:
        resource.full_clean()
    assert "website" in error.value.message_dict


def test_the_public_csv_export_neutralises_formulas_and_is_audited(client, point):
    for i, payload in enumerate(PAYLOADS):
        make_resource(payload, lon=point.lon + i * 1e-4, lat=point.lat, opening_hours=payload)
    response = client.get("/zasoby/eksport.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert sorted(r["name"] for r in rows) == sorted("'" + p for p in PAYLOADS)
    assert all(not r["name"].startswith(("=", "+", "-", "@", "\t", "\r")) for r in rows)
    assert all(r["lon"].startswith(str(point.lon)[:5]) for r in rows)  # numbers stay numbers
    assert "exported_at" in response["X-Provenance"]
    assert AuditEvent.objects.filter(action="export", object_type="resources").count() == 1
