"""The page per unit (/obszar/<level>/<code>/) shows the published values, never a hidden
one, and the same at the analyst threshold for the analysts of the unit's territory."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from kooperacja.indicators.tests.world import build_city, counts
from kooperacja.records.models import AuditEvent
from kooperacja.testing import build_personas

pytestmark = pytest.mark.django_db


@pytest.fixture
def city(db):
    units = build_city()
    counts(units, "2024", {"E1": 10, "E2": 10, "E3": 20, "E4": 2})
    counts(units, "2025", {"E1": 30, "E2": 10, "E3": 20, "E4": 3})
    return units


def api(client, level, period="2025", **extra):
    response = client.get("/api/v1/indicators/poverty/values",
                          {"level": level, "period": period, **extra})
    return {r["unit_code"]: r for r in json.loads(response.content)["values"]}


def poverty_row(html: str) -> str:
    found = re.search(r'<tr data-indicator="poverty">(.*?)</tr>', html, re.S)
    assert found, "no row of the poverty indicator"
    return found.group(1)


def shown(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")  # Polish decimal comma


def test_the_page_shows_the_published_values_of_the_unit(client, city):
    url = reverse("web:unit", kwargs={"level": "estate", "code": "E1"})
    assert url == "/obszar/estate/E1/"
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    row = poverty_row(html)
    published = api(client, "estate")["E1"]
    assert shown(published["value"]) in row
    assert f"{shown(published['lower'])} – {shown(published['upper'])}" in row
    district = api(client, "district")["D1"]
    city_row = api(client, "city")["C"]
    assert shown(district["value"]) in row and shown(city_row["value"]) in row
    # The trend over both years, the same numbers as the API's.
    before = api(client, "estate", "2024")["E1"]
    assert shown(before["value"]) in html
    # Population by sex and age: the table beside the pyramid.
    assert 'id="pyramid-table"' in html and "<svg class=\"chart pyramid\"" in html
    assert "65+" in html
    # Neighbours and a permalink.
    assert "/obszar/estate/E2/" in html
    assert 'id="permalink"' in html


def test_a_suppressed_cell_stays_hidden_on_the_public_page(client, city):
    published = api(client, "estate")["E4"]
    assert published["hidden"] and published["numerator"] is None
    html = client.get("/obszar/estate/E4/").content.decode()
    row = poverty_row(html)
    assert published["label"] in row
    # Neither the true count (3) nor a rate computed from it appears in its row.
    true_rate = 3 / 400 * 1000
    assert shown(true_rate) not in html
    assert 'class="hidden-value"' in row


def test_an_unknown_unit_is_not_found(client, city):
    assert client.get("/obszar/estate/NOPE/").status_code == 404
    assert client.get("/obszar/district/E1/").status_code == 404


def test_the_analyst_view_is_for_analysts_of_the_units_territory(client, city):
    cast = build_personas(city["C"])
    url = "/obszar/estate/E4/?view=analyst"
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(cast.partner_a)
    assert client.get(url).status_code == 403
    client.force_login(cast.analyst_x)
    response = client.get(url)
    assert response.status_code == 200
    analyst = api(client, "estate", audience="analyst")["E4"]
    row = poverty_row(response.content.decode())
    if analyst["value"] is not None:
        assert shown(analyst["value"]) in row


def test_another_territorys_analyst_does_not_see_the_unit(client, city):
    from kooperacja.testing import _root_unit

    cast = build_personas(city["C"], _root_unit("Y"))
    client.force_login(cast.analyst_y)
    # Refused and audited, as for a unit that does not exist: nothing tells them apart.
    denied = AuditEvent.objects.filter(action=AuditEvent.Action.DENIED)
    assert client.get("/obszar/estate/E1/?view=analyst").status_code == 403
    assert client.get("/obszar/estate/E99/?view=analyst").status_code == 403
    assert denied.filter(user=cast.analyst_y).count() == 2
    client.force_login(cast.analyst_x)
    assert client.get("/obszar/estate/E1/?view=analyst").status_code == 200


def test_the_map_downloads_the_published_values(client, city):
    url = reverse("web:map-download")
    response = client.get(url, {"indicator": "poverty", "level": "estate", "period": "2025",
                                "format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("unit_code,unit_name,numerator")
    e4 = next(line for line in text.splitlines() if line.startswith("E4,"))
    assert ",3," not in e4  # the hidden count stays hidden
    geo = client.get(url, {"indicator": "poverty", "level": "estate", "period": "2025",
                           "format": "geojson"})
    assert len(json.loads(geo.content)["features"]) == 4
    xlsx = client.get(url, {"indicator": "poverty", "level": "estate", "period": "2025",
                            "format": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert client.get(url, {"indicator": "nope", "level": "estate", "period": "2025"}
                      ).status_code == 404


def test_every_units_page_shows_exactly_the_published_value_or_its_label(client, city):
    for level, codes in (("estate", ["E1", "E2", "E3", "E4"]), ("district", ["D1", "D2"]),
                         ("city", ["C"])):
        published = api(client, level)
        for code in codes:
            row = poverty_row(client.get(f"/obszar/{level}/{code}/").content.decode())
            value = re.search(r'<td class="value">(.*?)</td>', row, re.S).group(1)
            expected = published[code]
            if expected["value"] is None:
                assert expected["label"] in value and "hidden-value" in value, (level, code)
            else:
                assert value.strip() == shown(expected["value"]), (level, code, value)


def test_the_page_lists_places_of_help_in_and_near_the_unit(client, city):
    from kooperacja.resources.models import Resource, ResourceKind

    kind = ResourceKind.objects.first()
    Resource.objects.create(name="Punkt w E1", kind=kind, is_public=True, lon=19.007, lat=52.004,
                            units={"estate": "E1"})
    Resource.objects.create(name="Punkt w E2", kind=kind, is_public=True, lon=19.022, lat=52.004,
                            units={"estate": "E2"})
    Resource.objects.create(name="Ukryty", kind=kind, is_public=False, lon=19.007, lat=52.004,
                            units={"estate": "E1"})
    html = client.get("/obszar/estate/E1/").content.decode()
    inside = re.search(r'id="resources-inside">(.*?)</ul>', html, re.S).group(1)
    near = re.search(r'id="resources-near">(.*?)</ul>', html, re.S).group(1)
    assert "Punkt w E1" in inside and "Punkt w E2" not in inside
    assert "Punkt w E2" in near
    assert "Ukryty" not in html


def test_an_analysts_download_holds_the_units_of_its_territories_only(client, city):
    from kooperacja.testing import _root_unit

    cast = build_personas(city["C"], _root_unit("Y"))
    query = {"indicator": "poverty", "level": "estate", "period": "2025", "format": "csv",
             "view": "analyst"}
    assert client.get(reverse("web:map-download"), query).status_code == 302  # log in first
    client.force_login(cast.analyst_x)
    mine = client.get(reverse("web:map-download"), query).content.decode("utf-8-sig")
    assert {line.split(",")[0] for line in mine.splitlines()[1:]} == {"E1", "E2", "E3", "E4"}
    # Y's analyst: its figures are computed over its own territory, which has no data for
    # the period, so there is nothing to download, as in an installation without data.
    client.force_login(cast.analyst_y)
    theirs = client.get(reverse("web:map-download"), query)
    assert theirs.status_code == 404
    assert "E1" not in theirs.content.decode()


def test_the_indicator_table_names_each_column_once(client, city):
    html = client.get("/obszar/estate/E1/", HTTP_ACCEPT_LANGUAGE="pl").content.decode()
    table = re.search(r'<table[^>]*id="indicator-table".*?</thead>', html, re.S)
    assert table, "no indicator table"
    headers = [re.sub(r"<[^>]+>", "", h).strip()
               for h in re.findall(r'<th scope="col"[^>]*>(.*?)</th>', table.group(0), re.S)]
    assert headers[:3] == ["Wskaźnik", "Okres", "Wartość"]
    assert len(headers) == len(set(headers)), headers
