"""The wizard imports population by year with ``import_population``, the command's
service: the dry run says per year and level how many figures would be stored, new and
changed, or the row that stops it; only the installation's administrator imports it
(docs/imports.md, "The import wizard")."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client, override_settings

from kooperacja.imports.models import ImportJob
from kooperacja.imports.tests.conftest import signed_in
from kooperacja.records.models import AuditEvent
from kooperacja.territory.models import Population
from kooperacja.territory.services.population import import_population

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def upload(client: Client, path: Path) -> object:
    with path.open("rb") as f:
        return client.post("/dane/import/", {"kind": "population", "file": f})


def count(code: str, year: int) -> int:
    return Population.objects.get(unit__code=code, year=year, sex="", age_band="").count


@override_settings(TASKS=IMMEDIATE)
def test_the_dry_run_counts_figures_per_year_and_level_before_the_import(
        town, tmp_path, django_capture_on_commit_callbacks):
    (tmp_path / "p.csv").write_text("unit_code;year;count\nW;2025;200\nE;2025;100\n",
                                    encoding="utf-8")
    import_population(tmp_path / "p.csv")
    admin = signed_in(town.installation)
    table = tmp_path / "ludnosc.csv"
    table.write_text("kod;rok;liczba\nW;2025;210\nE;2025;100\nW;2026;205\n", encoding="cp1250")
    assert upload(admin, table).status_code == 302
    job = ImportJob.objects.get()
    assert (job.kind, job.detected["format"], job.detected["fields"]) == (
        "population", "CSV", ["kod", "rok", "liczba"])
    admin.post(f"/dane/import/{job.pk}/", {"level": "", "year": ""})
    job.refresh_from_db()
    assert job.status == "checked" and not job.dry_run["errors"]
    assert (job.dry_run["figures"], job.dry_run["units"], job.dry_run["years"]) == (
        3, 2, [2025, 2026])
    assert [(r["year"], r["level"], r["stored"], r["new"], r["changed"])
            for r in job.dry_run["by_year"]] == [(2025, "district", 2, 0, 1),
                                                 (2026, "district", 1, 1, 0)]
    assert count("W", 2025) == 200 and not Population.objects.filter(year=2026).exists()
    page = admin.get(f"/dane/import/{job.pk}/").content.decode()
    assert 'data-year="2026" data-level="district"' in page

    with django_capture_on_commit_callbacks(execute=True):
        admin.post(f"/dane/import/{job.pk}/confirm/")
    job.refresh_from_db()
    assert job.status == "done" and job.upload_path == "" and job.report["figures"] == 3
    assert (count("W", 2025), count("W", 2026)) == (210, 205)
    assert AuditEvent.objects.filter(action="import", object_id=str(job.pk)).exists()


def test_the_dry_run_names_every_bad_row_with_column_and_reason(town, tmp_path):
    admin = signed_in(town.installation)
    table = tmp_path / "ludnosc.csv"
    table.write_text("kod;rok;liczba\nW;2025;210\nE;dwa;100\nX9;2025;-3\nW;2025;5\n",
                     encoding="utf-8")
    upload(admin, table)
    job = ImportJob.objects.get()
    kept = Path(job.upload_path)
    admin.post(f"/dane/import/{job.pk}/", {"level": ""})
    job.refresh_from_db()
    assert job.status == "failed" and not kept.exists()
    # Every row's errors, not only the first the import stops at.
    assert [(e["row"], e["column"]) for e in job.dry_run["errors"]] == [
        (3, "rok"), (4, "kod"), (4, "liczba"), (5, "")]
    assert not Population.objects.exists()


def test_only_the_installations_administrator_imports_population(town, tmp_path):
    table = tmp_path / "ludnosc.csv"
    table.write_text("kod;rok;liczba\nW;2025;210\n", encoding="utf-8")
    for persona in (town.partner_a, town.admin_a, town.analyst_x):
        assert upload(signed_in(persona), table).status_code == 403
    assert not ImportJob.objects.exists()
    refused = AuditEvent.objects.filter(action="import_refused", detail__kind="population")
    assert refused.count() == 3
