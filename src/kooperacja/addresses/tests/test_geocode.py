"""Geocoding against the stored register: the service, the command and the API."""

from __future__ import annotations

import csv

import pytest
from django.core.management import call_command
from ninja.testing import TestClient

from kooperacja.addresses.api import router
from kooperacja.addresses.services.geocoding import geocode
from kooperacja.addresses.services.register import import_addresses
from kooperacja.addresses.tests.registers import konotop_register
from kooperacja.addresses.tests.test_units import districts

pytestmark = pytest.mark.django_db


def test_it_geocodes_a_village_address_from_locality_and_number(sample_data):
    import_addresses(sample_data / "prg" / "prg_model2021_sample.gml")
    found = geocode(["21A", "Żubrów 21A"], ["Żubrów", ""])
    assert [f.status for f in found] == ["matched", "matched"]
    assert found[0].point_id == found[1].point_id
    assert found[0].source_id and 15.0 < found[0].lon < 15.3


def test_it_answers_with_point_position_and_units(tmp_path, layer_writer):
    districts(tmp_path, layer_writer, "d.gpkg", 150)
    import_addresses(konotop_register(tmp_path / "r.csv"))
    podgorna, nowhere = geocode(["ul. PODGORNA 2", "Nieznana 5"], ["Konotop", "Konotop"])
    assert (podgorna.status, podgorna.source_id, podgorna.units) == (
        "matched", "p-podgorna-2", {"district": "W"})
    assert podgorna.lon == pytest.approx(15.912, abs=0.002)
    assert nowhere.status == "unmatched" and nowhere.point_id is None


def test_it_sees_a_new_import_without_a_restart(tmp_path):
    import_addresses(konotop_register(tmp_path / "r.csv"))
    assert geocode(["Lipowa 1"], ["Konotop"])[0].status == "matched"
    (tmp_path / "r2.csv").write_text(
        (tmp_path / "r.csv").read_text(encoding="utf-8").replace(";Lipowa;1;", ";Lipowa;1B;"),
        encoding="utf-8")
    import_addresses(tmp_path / "r2.csv")
    assert geocode(["Lipowa 1"], ["Konotop"])[0].status == "street_only"


def test_the_command_keeps_the_input_columns_and_adds_the_results(tmp_path, layer_writer):
    districts(tmp_path, layer_writer, "d.gpkg", 150)
    import_addresses(konotop_register(tmp_path / "r.csv"))
    source = tmp_path / "in.csv"
    source.write_text("nr;adres;miasto\n1;Podgórna 4;Konotop\n2;Lipowa 99;Konotop\n",
                      encoding="cp1250")
    out = tmp_path / "out.csv"
    summary = call_command("geocode", str(source), address_column="adres",
                           locality_column="miasto", out=str(out))
    assert "matched 1 (50.0%)" in summary and "street_only 1 (50.0%)" in summary
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["nr", "adres", "miasto", "status", "score", "method", "address_id",
                             "lon", "lat", "unit_district"]
    assert rows[0]["adres"] == "Podgórna 4" and rows[0]["address_id"] == "p-podgorna-4"
    assert rows[0]["unit_district"] == "W"
    assert rows[1]["status"] == "street_only" and rows[1]["address_id"] == ""


def test_the_api_geocodes_for_anyone_and_keeps_nothing(tmp_path):
    from kooperacja.addresses.models import ReviewItem

    import_addresses(konotop_register(tmp_path / "r.csv"))
    client = TestClient(router)
    answer = client.get("/geocode", query_params={"q": "Podgórna 2", "locality": "Konotop"})
    assert answer.status_code == 200
    assert answer.json()["address_id"] == "p-podgorna-2" and answer.json()["status"] == "matched"
    posted = client.post("/geocode", json={"q": "Nieznana 5", "locality": "Konotop"})
    assert posted.json()["status"] == "unmatched"
    assert not ReviewItem.objects.exists()
