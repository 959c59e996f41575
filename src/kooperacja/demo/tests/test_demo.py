"""The demo city: built through the users' commands, reused, and shown on the map."""

from __future__ import annotations

import json
import re

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from docx import Document

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

    # The offices' extracts of each period went in through import-records: overlap found by
    # pseudonyms alone equals the generator's truth, counted by PESEL, period by period.
    assert "2023, 2024, 2025." in demo  # "Periods with data: ..."
    assert list(manifest["periods"]) == ["2023", "2024", "2025"]
    for period, truth in manifest["periods"].items():
        for layout in ("mops", "pup"):
            assert f"--period {period} --layout {layout}" in demo
        out = tmp_path / f"overlap_{period}.csv"
        call_command("overlap", "--period", period, "--institutions", "MOPS,PUP", "--out", str(out))
        whole = [line.split(",") for line in out.read_text(encoding="utf-8").splitlines()
                 if line.startswith("*,")]
        assert int(whole[0][1]) == truth["overlap"]["city"]["persons_both"]
    assert manifest["overlap"] == manifest["periods"]["2025"]["overlap"]
    # Where the report will be (made by `kooperacja report`, or how to make it).
    report = tmp_path / "files" / "diagnoza_2025.docx"
    assert str(report) in demo and "--period 2025 --since 2023" in demo

    units, points = Unit.objects.count(), AddressPoint.objects.count()
    call_command("demo", "--build-only", "--dir", str(tmp_path / "files"))
    again = capsys.readouterr().out
    assert "kooperacja import-units" not in again and str(tmp_path / "files") in again
    assert (Unit.objects.count(), AddressPoint.objects.count()) == (units, points)


def test_it_shows_each_indicator_over_the_three_periods(demo, tmp_path, client):
    manifest = json.loads((tmp_path / "files" / "manifest.json").read_text(encoding="utf-8"))
    described = {i["id"]: i for i in client.get("/api/v1/indicators").json()}
    for code in ("poverty", "unemployment", "long-term-unemployed", "mops-pup-overlap"):
        assert described[code]["periods"] == ["2023", "2024", "2025"], code
        assert described[code]["default_period"] == "2025"
    # Where poverty grew most, the unit card's trend rises from the first period to the last,
    # with a value in each; the change column says by how much since the year before.
    grew = manifest["trend"]["change"]["poverty_per_1000"]["grew_most"][0]["code"]
    series = client.get(f"/api/v1/indicators/poverty/units/{grew}", {"period": "2025"}).json()
    points = {p["period"]: p["value"] for p in series["series"]}
    assert list(points) == ["2023", "2024", "2025"] and None not in points.values()
    assert points["2025"] > points["2023"]
    values = client.get("/api/v1/indicators/poverty/values",
                        {"level": "estate", "period": "2025"}).json()
    assert values["previous_period"] == "2024"
    row = next(v for v in values["values"] if v["unit_code"] == grew)
    assert row["change"] is not None


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
        demo, tmp_path, client, capsys, monkeypatch, settings):
    served = []
    monkeypatch.setattr(demo_command, "run_site", lambda *args, **kwargs: served.append(
        django_settings.KOOPERACJA_SECOND_FACTOR))
    settings.KOOPERACJA_SECOND_FACTOR = True  # as in production, until the demo says otherwise
    call_command("demo", "--port", "0", "--dir", "unused")
    out = capsys.readouterr().out
    # The demo that is served comes with its diagnosis report (a build alone says how).
    report = tmp_path / "files" / "diagnoza_2025.docx"
    assert f": {report}" in out and Document(str(report)).paragraphs
    # ... and it is the team's report, published: anyone finds it on the site, the team in
    # /raporty/; the file is the published one.
    from kooperacja.reports.models import SavedReport

    published = SavedReport.objects.get(status=SavedReport.Status.PUBLISHED)
    assert (published.period, published.since, published.audience) == ("2025", "2023", "public")
    assert f"/raporty/opublikowane/{published.pk}/raport.docx" in client.get(
        "/raporty/opublikowane/").content.decode()
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
    # An indicator offers the demo's three periods, the latest first shown, and another loads.
    page.locator("#indicator").select_option("poverty")
    page.wait_for_selector('#map[data-indicator="poverty"]')
    options = page.locator("#period option")
    assert [options.nth(i).get_attribute("value") for i in range(options.count())] == [
        "2023", "2024", "2025"]
    assert page.locator("#period").input_value() == "2025"
    page.locator("#period").select_option("2023")
    page.wait_for_selector('#map[data-period="2023"]')
    assert page.problems == []
