"""The wizard imports public statistics per gmina with ``import_statistics``, the command's
service: the dry run says how many units matched and how many rows are of units not held,
or the one error that refuses the file; only the installation's administrator imports them
(docs/statistics.md, docs/imports.md "The import wizard")."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client, override_settings

from kooperacja.imports.models import ImportJob
from kooperacja.imports.tests.conftest import signed_in
from kooperacja.indicators.models import Aggregate
from kooperacja.indicators.tests.region import build_region, unemployment
from kooperacja.records.models import AuditEvent
from kooperacja.testing import build_personas

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def cast(db):
    region = build_region()
    return build_personas(region["2401011"], region["2401033"])


def upload(client: Client, path: Path) -> object:
    with path.open("rb") as f:
        return client.post("/dane/import/", {"kind": "statistics", "file": f})


@override_settings(TASKS=IMMEDIATE)
def test_the_dry_run_reports_the_units_matched_before_the_import(
        cast, tmp_path, django_capture_on_commit_callbacks):
    admin = signed_in(cast.installation)
    path = tmp_path / "RYNE_1944.csv"
    unemployment(path)
    assert upload(admin, path).status_code == 302
    job = ImportJob.objects.get()
    # A BDL file without saying what it holds is asked again, nothing checked.
    page = admin.post(f"/dane/import/{job.pk}/", {"source": "bdl", "variable": ""})
    assert page.status_code == 200 and ImportJob.objects.get().status == "uploaded"
    admin.post(f"/dane/import/{job.pk}/", {"source": "bdl", "variable": "unemployment"})
    job.refresh_from_db()
    assert job.status == "checked" and not job.dry_run["errors"]
    assert (job.dry_run["units"], job.dry_run["missing"], job.dry_run["not_held"],
            job.dry_run["parts"], job.dry_run["coarser"]) == (2, 2, 1, 1, 1)
    assert not Aggregate.objects.exists()
    page = admin.get(f"/dane/import/{job.pk}/").content.decode()
    assert 'data-summary="statistics"' in page and 'data-diff="not_held">1<' in page

    with django_capture_on_commit_callbacks(execute=True):
        admin.post(f"/dane/import/{job.pk}/confirm/")
    job.refresh_from_db()
    assert job.status == "done" and job.upload_path == "" and job.report["units"] == 2
    assert Aggregate.objects.get(unit__code="2401011", code="bezrobotni").count == 1212
    assert AuditEvent.objects.filter(action="import", object_id=str(job.pk)).exists()


def test_a_refused_file_names_its_row_and_column_and_is_deleted(cast, tmp_path):
    admin = signed_in(cast.installation)
    path = tmp_path / "bdl.csv"
    path.write_text("Kod;Nazwa;Płeć;Rok;Wartosc;Jednostka miary;Atrybut\n"
                    "012420401011;Miasto;ogółem;2023;12,5;osoba;\n", encoding="utf-8")
    upload(admin, path)
    job = ImportJob.objects.get()
    kept = Path(job.upload_path)
    admin.post(f"/dane/import/{job.pk}/", {"source": "bdl", "variable": "unemployment"})
    job.refresh_from_db()
    assert job.status == "failed" and not kept.exists()
    assert [(e["row"], e["column"]) for e in job.dry_run["errors"]] == [(2, "Wartosc")]


def test_only_the_installations_administrator_imports_statistics(cast, tmp_path):
    path = tmp_path / "RYNE_1944.csv"
    unemployment(path)
    analyst = signed_in(cast.analyst_x)
    assert upload(analyst, path).status_code == 403
    assert not ImportJob.objects.filter(kind="statistics").exists()
    assert AuditEvent.objects.filter(action="import_refused").exists()
