"""The wizard imports places of help (resources) with ``import_resources``, the command's
service: the dry run (added, updated, unchanged, rows left out) stores nothing, the entries
belong to the institution chosen, and only those who keep its entries may send them
(docs/imports.md, "The import wizard")."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client, override_settings

from kooperacja.imports.models import ImportJob
from kooperacja.imports.services.detect import MASK
from kooperacja.imports.tests.conftest import signed_in
from kooperacja.records.models import AuditEvent
from kooperacja.resources.models import Resource

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
TABLE = ("nazwa;rodzaj;adres;miejscowość;liczba miejsc;problemy;telefon\n"
         "Noclegownia;shelter;ul. Podgórna 4;Konotop;20;3;+48 68 000 00 00\n"
         "Jadłodajnia;;Lipowa 1;Konotop;;1,3;\n"
         "Zagubiona;shelter;Nieznana 5;Konotop;;;\n")


def upload(client: Client, path: Path, **extra) -> object:
    with path.open("rb") as f:
        return client.post("/dane/import/", {"kind": "resources", "file": f, **extra})


@override_settings(TASKS=IMMEDIATE)
def test_a_partner_imports_its_places_after_a_dry_run_that_stores_nothing(
        town, tmp_path, django_capture_on_commit_callbacks):
    partner = signed_in(town.partner_a)
    table = tmp_path / "zasoby.csv"
    table.write_text(TABLE, encoding="cp1250")
    assert upload(partner, table, institution=town.a.pk).status_code == 302
    job = ImportJob.objects.get()
    assert (job.kind, job.institution, job.detected["format"]) == ("resources", town.a, "CSV")
    # The preview never shows a full address.
    assert job.detected["masked"] == ["adres"] and job.detected["rows"][0][2] == MASK
    page = partner.get(f"/dane/import/{job.pk}/").content.decode()
    assert "Podgórna 4" not in page and "Noclegownia" in page

    partner.post(f"/dane/import/{job.pk}/", {"kind": "soup_kitchen", "name_field": "",
                                             "crs": ""})
    job.refresh_from_db()
    assert job.status == "checked" and not job.dry_run["errors"]
    assert (job.dry_run["added"], job.dry_run["updated"], job.dry_run["unchanged"],
            job.dry_run["left_out"]) == (2, 0, 0, 1)
    assert [r["row"] for r in job.dry_run["rows_left_out"]] == [4]
    assert not Resource.objects.exists()  # the dry run was rolled back
    page = partner.get(f"/dane/import/{job.pk}/").content.decode()
    assert 'data-diff="left_out">1<' in page

    with django_capture_on_commit_callbacks(execute=True):
        partner.post(f"/dane/import/{job.pk}/confirm/")
    job.refresh_from_db()
    assert job.status == "done" and job.upload_path == ""
    assert (job.report["resources_added"], job.report["rows_left_out"]) == (2, 1)
    assert set(Resource.objects.values_list("owner__code", flat=True)) == {town.a.code}
    # Named by the file as sent, not by the wizard's copy: its re-import updates them.
    assert set(Resource.objects.values_list("source", flat=True)) == {"zasoby.csv"}
    assert AuditEvent.objects.filter(action="import", object_id=str(job.pk)).exists()

    # A re-import says what it would update, with the kind offered as chosen last time.
    table.write_text(TABLE.replace(";20;", ";25;"), encoding="utf-8")
    upload(partner, table, institution=town.a.pk)
    second = ImportJob.objects.latest("pk")
    assert '<option value="soup_kitchen" selected>' in partner.get(
        f"/dane/import/{second.pk}/").content.decode()
    partner.post(f"/dane/import/{second.pk}/", {"kind": "soup_kitchen"})
    second.refresh_from_db()
    assert (second.dry_run["added"], second.dry_run["updated"],
            second.dry_run["unchanged"]) == (0, 1, 1)
    assert Resource.objects.get(name="Noclegownia").capacity == 20


def test_only_those_who_keep_an_institutions_entries_import_them_audited(town, tmp_path):
    table = tmp_path / "zasoby.csv"
    table.write_text(TABLE, encoding="utf-8")
    # A steward sends A's counts but does not keep its directory entries.
    steward = signed_in(town.steward_a)
    assert upload(steward, table, institution=town.a.pk).status_code == 403
    assert AuditEvent.objects.filter(action="import_refused", detail__kind="resources").exists()
    # A partner keeps its own institution's entries, not another's.
    partner = signed_in(town.partner_a)
    assert upload(partner, table, institution=town.b.pk).status_code in (200, 403)
    # Nor without saying whose they are.
    assert upload(partner, table).status_code == 200
    assert not ImportJob.objects.exists()


def test_a_file_without_a_name_column_fails_its_dry_run_and_is_deleted(town, tmp_path):
    partner = signed_in(town.partner_a)
    table = tmp_path / "z.csv"
    table.write_text("tytuł;adres\nDom;Podgórna 2\n", encoding="utf-8")
    upload(partner, table, institution=town.a.pk)
    job = ImportJob.objects.get()
    kept = Path(job.upload_path)
    partner.post(f"/dane/import/{job.pk}/", {"kind": "shelter"})
    job.refresh_from_db()
    assert job.status == "failed" and job.dry_run["errors"] and not kept.exists()
    assert not Resource.objects.exists()
