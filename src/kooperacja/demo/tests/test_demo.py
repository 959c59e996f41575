"""The demo city: built through the users' commands, reused, and shown on the map."""

from __future__ import annotations

import json
import re

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command

from kooperacja.addresses.models import AddressPoint
from kooperacja.demo.management.commands import demo as demo_command
from kooperacja.territory.models import Unit

# Serialized rollback restores the code lists that migrations load, which a flush removes.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def demo(tmp_path, capsys):
    call_command("demo", "--build-only", "--dir", str(tmp_path / "files"))
    return capsys.readouterr().out


def test_it_builds_a_city_once_with_districts_estates_addresses_and_population(
    demo, tmp_path, client, capsys
):
    assert "kooperacja import-units" in demo and "kooperacja import-addresses" in demo
    current = Unit.objects.current()
    assert current.filter(level__code="city").count() == 1
    assert 8 <= current.filter(level__code="district").count() <= 12
    assert 40 <= current.filter(level__code="estate").count() <= 60
    assert 15_000 <= AddressPoint.objects.count() <= 25_000
    assert not current.filter(level__code="estate", parent__isnull=True).exists()
    districts = json.loads(client.get("/api/v1/units", {"level": "district"}).content)["features"]
    assert all(f["properties"]["density"] for f in districts)
    manifest = json.loads((tmp_path / "files" / "manifest.json").read_text(encoding="utf-8"))
    city = current.get(level__code="city")
    assert city.code == manifest["city"]["teryt_gmina"] and city.name == manifest["city"]["name"]

    # The offices' extracts went in through import-records: overlap found by pseudonyms alone
    # equals the generator's truth, counted by PESEL.
    out = tmp_path / "overlap.csv"
    call_command("overlap", "--period", "2025", "--institutions", "MOPS,PUP", "--out", str(out))
    whole = [line.split(",") for line in out.read_text(encoding="utf-8").splitlines()
             if line.startswith("*,")]
    assert int(whole[0][1]) == manifest["overlap"]["city"]["persons_both"]

    units, points = Unit.objects.count(), AddressPoint.objects.count()
    call_command("demo", "--build-only", "--dir", str(tmp_path / "files"))
    again = capsys.readouterr().out
    assert "kooperacja import-units" not in again and str(tmp_path / "files") in again
    assert (Unit.objects.count(), AddressPoint.objects.count()) == (units, points)


# The page each demo account opens at once, by e-mail (docs/security.md, "Roles").
ROLE_PAGES = {
    "admin@kooperacja.example": "/admin/",
    "partner@mops.example": "/dane/upload/",
    "opiekun@mops.example": "/dane/upload/",
    "administrator@mops.example": "/konto/osoby/",
    "partner@pup.example": "/dane/upload/",
    "analityk@zespol.example": "/?view=analyst",
    "koordynator@zespol.example": "/?view=analyst",
    "iod@zespol.example": "/dane/audyt/",
}


def test_it_prints_an_account_per_role_that_signs_in_at_once(
        demo, client, capsys, monkeypatch, settings):
    served = []
    monkeypatch.setattr(demo_command, "run_site", lambda *args, **kwargs: served.append(
        django_settings.KOOPERACJA_SECOND_FACTOR))
    settings.KOOPERACJA_SECOND_FACTOR = True  # as in production, until the demo says otherwise
    call_command("demo", "--port", "0", "--dir", "unused")
    out = capsys.readouterr().out
    sign_in_line = next(line for line in out.splitlines() if "/konto/logowanie/" in line)
    password = re.findall(r"(?<![\w-])[\w-]{16}(?![\w-])", sign_in_line.split("logowanie/")[1])[0]
    listed = re.findall(r"^ +(\S+@\S+) ", out, flags=re.MULTILINE)
    assert sorted(listed) == sorted(ROLE_PAGES)
    assert served == [False] and "--second-factor" in out
    for email, page in ROLE_PAGES.items():
        response = client.post("/konto/logowanie/", {"username": email, "password": password})
        assert response.status_code == 302, email
        assert client.get(page).status_code == 200, (email, page)
        client.logout()

    # The directory's entries belong to the institutions whose people keep them.
    from django.contrib.auth.models import User

    from kooperacja import policy
    from kooperacja.resources.models import Resource

    owners = set(Resource.objects.values_list("kind__code", "owner__code"))
    assert ("social_assistance", "MOPS") in owners and ("labour_office", "PUP") in owners
    assert ("school", None) in owners
    centre = Resource.objects.filter(kind__code="social_assistance").first()
    partner = User.objects.get(username="partner@mops.example")
    assert policy.allows(partner, policy.Action.EDIT_RESOURCE, institution=centre.owner_id)

    settings.KOOPERACJA_SECOND_FACTOR = True
    call_command("demo", "--port", "0", "--second-factor")
    assert served == [False, True]


@pytest.mark.browser
def test_it_shows_the_demo_districts_shaded_without_errors(demo, live_server, browser_page, client):
    page = browser_page
    page.goto(live_server.url + "/")
    page.wait_for_selector("#map[data-features]")
    level = page.locator("#map").get_attribute("data-level")
    api = json.loads(client.get("/api/v1/units", {"level": level}).content)
    polygons = page.locator("#map path.leaflet-interactive")
    assert polygons.count() == len(api["features"])
    page.get_by_label("Dzielnice").check()
    page.wait_for_selector('#map[data-level="district"]')
    districts = json.loads(client.get("/api/v1/units", {"level": "district"}).content)["features"]
    assert polygons.count() == len(districts) >= 8
    fills = {polygons.nth(i).get_attribute("fill") for i in range(polygons.count())}
    assert len(fills) >= 4  # shaded by density, not one flat colour
    assert page.problems == []
