"""The import wizard: what the file is, its first rows, the columns chosen (and offered
again), the dry run's difference, the retirement guard's confirmation, the import in the
task worker, and who may import what (docs/imports.md, "The import wizard")."""

from __future__ import annotations

from pathlib import Path

import pytest
import shapely
from django.test import Client, override_settings

from kooperacja.addresses.models import AddressPoint
from kooperacja.addresses.tests.registers import point, write_register
from kooperacja.imports.models import ColumnMapping, ImportJob
from kooperacja.imports.services.detect import MASK, detect
from kooperacja.indicators.models import Aggregate
from kooperacja.indicators.tests.world import build_city
from kooperacja.records.models import AuditEvent
from kooperacja.territory.models import Generation, Unit
from kooperacja.territory.services.boundaries import import_units
from kooperacja.testing import build_personas

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
BOXES = [shapely.box(i * 0.02, 0, i * 0.02 + 0.02, 0.02) for i in range(4)]


def districts(path: Path, layer_writer, names: list[str], boxes: list | None = None) -> Path:
    boxes = boxes or BOXES[:len(names)]
    return layer_writer(path, boxes, {"kod": [f"D{i + 1}" for i in range(len(names))],
                                      "nazwa": names}, "EPSG:4326")


def upload(client: Client, path: Path, kind: str, **extra) -> object:
    with path.open("rb") as f:
        return client.post("/dane/import/", {"kind": kind, "file": f, **extra})


def only_job() -> ImportJob:
    return ImportJob.objects.get()


@pytest.fixture
def admin_client(db) -> Client:
    from django.contrib.auth.models import User

    client = Client()
    client.force_login(User.objects.create_superuser("root@example.org", "root@example.org"))
    return client


@pytest.fixture
def level(tmp_path, layer_writer):
    """Four districts in the current generation."""
    import_units(districts(tmp_path / "before.gpkg", layer_writer,
                           ["Północ", "Południe", "Wschód", "Zachód"]), "district", "kod", "nazwa")
    return Generation.objects.get(level__code="district")


@override_settings(TASKS=IMMEDIATE)
def test_the_dry_run_shows_two_units_changed_and_one_retired_then_asks_to_confirm(
        admin_client, level, tmp_path, layer_writer, django_capture_on_commit_callbacks):
    moved = [BOXES[0], BOXES[1], shapely.box(0.04, 0, 0.065, 0.02)]
    new = districts(tmp_path / "Nowe dzielnice.gpkg", layer_writer,
                    ["Północ", "Południe Nowe", "Wschód"], moved)
    response = upload(admin_client, new, "boundaries")
    job = only_job()
    assert response.status_code == 302 and response["Location"] == f"/dane/import/{job.pk}/"
    assert job.detected["format"] == "GeoPackage" and job.detected["crs"] == "EPSG:4326"
    assert job.detected["fields"] == ["kod", "nazwa"] and len(job.detected["rows"]) == 3
    page = admin_client.get(f"/dane/import/{job.pk}/").content.decode()
    assert "GeoPackage" in page and "EPSG:4326" in page and "Południe Nowe" in page

    admin_client.post(f"/dane/import/{job.pk}/", {"level": "district", "code_field": "kod",
                                                  "name_field": "nazwa",
                                                  "valid_from": "2026-01-01"})
    job.refresh_from_db()
    assert job.status == "checked"
    assert (job.dry_run["added"], job.dry_run["changed"], job.dry_run["retired"]) == (0, 2, 1)
    assert job.dry_run["changed_codes"] == ["D2", "D3"] and job.dry_run["retired_codes"] == ["D4"]
    # 1 of 4 is 25 %, over the 20 % the guard allows without a tick.
    assert job.dry_run["guard"]["needs_confirmation"]
    assert Generation.objects.current().get(level__code="district") == level  # nothing stored
    page = admin_client.get(f"/dane/import/{job.pk}/").content.decode()
    assert "Potwierdzam wycofanie 1 jednostki" in page

    refused = admin_client.post(f"/dane/import/{job.pk}/confirm/")
    assert refused.status_code == 400
    assert Generation.objects.current().get(level__code="district") == level
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(f"/dane/import/{job.pk}/confirm/", {"allow_retire": "on"})
    job.refresh_from_db()
    assert job.status == "done" and job.allow_retire and job.upload_path == ""
    current = Generation.objects.current().get(level__code="district")
    assert current != level and job.report["generation"] == current.pk
    assert str(current.valid_from) == "2026-01-01"
    assert sorted(Unit.objects.current().filter(level__code="district")
                  .values_list("code", flat=True)) == ["D1", "D2", "D3"]
    assert AuditEvent.objects.filter(action="import", object_id=str(job.pk)).exists()
    # The next boundary file is offered the same columns.
    assert ColumnMapping.objects.get(kind="boundaries").mapping["code_field"] == "kod"


def test_a_cancelled_wizard_deletes_the_file_at_once(admin_client, tmp_path, layer_writer):
    upload(admin_client, districts(tmp_path / "d.gpkg", layer_writer, ["A"]), "boundaries")
    job = only_job()
    kept = Path(job.upload_path)
    assert kept.exists()
    admin_client.post(f"/dane/import/{job.pk}/cancel/")
    job.refresh_from_db()
    assert job.status == "cancelled" and not kept.exists() and job.upload_path == ""


def test_a_file_that_fails_its_check_is_deleted_at_once(admin_client, tmp_path, layer_writer):
    upload(admin_client, layer_writer(tmp_path / "d.gpkg", BOXES[:2], {"kod": ["D1", "D1"],
           "nazwa": ["A", "B"]}, "EPSG:4326"), "boundaries")
    job = only_job()
    kept = Path(job.upload_path)
    admin_client.post(f"/dane/import/{job.pk}/", {"level": "district", "code_field": "kod",
                                                  "name_field": "nazwa"})
    job.refresh_from_db()
    assert job.status == "failed" and "D1" in job.error and not kept.exists()


def test_the_preview_masks_columns_that_look_personal(tmp_path):
    table = tmp_path / "t.csv"
    table.write_text("rejon;PESEL;Imię i nazwisko;adres;liczba\nE1;12345678901;Jan Kowalski;"
                     "Długa 1;3\n", encoding="cp1250")
    found = detect(table, "aggregates")
    assert (found.format, found.encoding, found.separator) == ("CSV", "cp1250", ";")
    assert found.rows == [["E1", MASK, MASK, MASK, "3"]]
    assert found.masked == ["PESEL", "Imię i nazwisko", "adres"]


@override_settings(TASKS=IMMEDIATE)
def test_an_analyst_imports_partner_aggregates_with_the_mapping_saved_last_time(
        tmp_path, django_capture_on_commit_callbacks):
    units = build_city()
    cast = build_personas(units["C"])
    analyst = Client()
    analyst.force_login(cast.analyst_x)
    table = tmp_path / "policja.csv"
    table.write_text("rejon;interwencje;inne\nE1;12;1\nE2;3;0\nE3;0;0\nE4;7;2\n",
                     encoding="utf-8")
    upload(analyst, table, "aggregates", institution=cast.a.pk)
    job = only_job()
    analyst.post(f"/dane/import/{job.pk}/", {
        "unit_field": "rejon", "period": "2025", "code_list": "police", "value__1": "domestic"})
    job.refresh_from_db()
    assert job.status == "checked" and job.dry_run["units"] == 4 and not job.dry_run["errors"]
    assert not Aggregate.objects.exists()  # the dry run stored nothing
    with django_capture_on_commit_callbacks(execute=True):
        analyst.post(f"/dane/import/{job.pk}/confirm/")
    assert Aggregate.objects.get(unit__code="C", code="domestic", period="2025").count == 22

    # Next time the columns are offered as chosen.
    table.write_text("rejon;interwencje;inne\nE1;1;1\n", encoding="utf-8")
    upload(analyst, table, "aggregates", institution=cast.a.pk)
    second = ImportJob.objects.latest("pk")
    page = analyst.get(f"/dane/import/{second.pk}/").content.decode()
    assert 'value="domestic"' in page and 'value="police"' in page
    assert '<option value="rejon" selected>' in page


def test_the_aggregates_dry_run_names_row_column_and_reason(tmp_path):
    units = build_city()
    cast = build_personas(units["C"])
    partner = Client()
    partner.force_login(cast.partner_a)
    table = tmp_path / "policja.csv"
    table.write_text("rejon;interwencje\nE1;dużo\nE2;3\nE9;1\nE2;2,5\n", encoding="utf-8")
    upload(partner, table, "aggregates", institution=cast.a.pk)
    job = only_job()
    kept = Path(job.upload_path)
    partner.post(f"/dane/import/{job.pk}/", {
        "unit_field": "rejon", "period": "2025", "code_list": "police", "value__1": "domestic"})
    job.refresh_from_db()
    assert job.status == "failed" and not kept.exists()  # deleted at once
    page = partner.get(f"/dane/import/{job.pk}/").content.decode()
    assert "interwencje" in page and "Import</button>" not in page
    # Every row's errors, not only the first the import stops at.
    assert [(e["row"], e["column"]) for e in job.dry_run["errors"]] == [
        (2, "interwencje"), (4, "rejon"), (5, "interwencje"), (5, "")]
    # Such a file cannot be confirmed; another partner does not even find the job.
    partner.post(f"/dane/import/{job.pk}/confirm/")
    job.refresh_from_db()
    assert job.status == "failed" and not Aggregate.objects.exists()
    other = Client()
    other.force_login(cast.partner_b)
    assert other.get(f"/dane/import/{job.pk}/").status_code == 404


@override_settings(TASKS=IMMEDIATE)
def test_a_register_reimport_that_would_retire_half_stops_until_confirmed(
        admin_client, tmp_path, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    rows = [point(f"p-{n}", "Długa", str(n), 10 * n) for n in range(1, 11)]
    call_command("import_addresses", str(write_register(tmp_path / "whole.csv", rows)))
    half = write_register(tmp_path / "half.csv", rows[:4] + [point("p-5", "Długa", "5", 500)])
    upload(admin_client, half, "addresses")
    job = only_job()
    assert job.detected["format"] == "csv" and len(job.detected["rows"]) == 5
    assert job.detected["rows"][0][:5] == ["p-1", "0804032", "Konotop", "Długa", "1"]
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(f"/dane/import/{job.pk}/", {"crs": ""})
    job.refresh_from_db()
    assert (job.dry_run["added"], job.dry_run["moved"], job.dry_run["retired"]) == (0, 1, 5)
    assert job.dry_run["guard"]["needs_confirmation"]
    assert admin_client.post(f"/dane/import/{job.pk}/confirm/").status_code == 400
    assert AddressPoint.objects.active().count() == 10
    # While it runs, the page reads the points found so far.
    from kooperacja.addresses.services.register import ImportProgress
    from kooperacja.imports.services.jobs import _progress_of

    _progress_of(job)(ImportProgress("reading", 10, 100, 7))
    assert admin_client.get(f"/dane/import/{job.pk}/progress.json").json()["rows_read"] == 7
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(f"/dane/import/{job.pk}/confirm/", {"allow_retire": "on"})
    job.refresh_from_db()
    assert job.status == "done" and job.report["retired"] == 5
    assert AddressPoint.objects.active().count() == 5


def test_a_partner_cannot_import_boundaries_and_the_refusal_is_audited(tmp_path, layer_writer):
    cast = build_personas()
    partner = Client()
    partner.force_login(cast.partner_a)
    assert partner.get("/dane/import/").status_code == 200
    response = upload(partner, districts(tmp_path / "d.gpkg", layer_writer, ["A"]),
                      "boundaries")
    assert response.status_code == 403 and not ImportJob.objects.exists()
    assert AuditEvent.objects.filter(action="import_refused",
                                     detail__kind="boundaries").exists()
    # Nor another institution's aggregates.
    table = tmp_path / "t.csv"
    table.write_text("rejon;n\nE1;1\n", encoding="utf-8")
    assert upload(partner, table, "aggregates", institution=cast.b.pk).status_code in (200, 403)
    assert not ImportJob.objects.exists()


def test_a_job_whose_worker_died_fails_and_loses_its_file(admin_client, tmp_path, layer_writer):
    from django_tasks_db.models import DBTaskResult

    from kooperacja.imports.services.jobs import sweep_abandoned
    from kooperacja.imports.tasks import run_import

    upload(admin_client, districts(tmp_path / "d.gpkg", layer_writer, ["A"]), "boundaries")
    job = only_job()
    kept = Path(job.upload_path)
    run_import.enqueue(job.pk)
    ImportJob.objects.filter(pk=job.pk).update(status="running")
    DBTaskResult.objects.update(status="FAILED")  # as recover_interrupted leaves it
    assert sweep_abandoned() == 1
    job.refresh_from_db()
    assert job.status == "failed" and "przerwany" in job.error and not kept.exists()
