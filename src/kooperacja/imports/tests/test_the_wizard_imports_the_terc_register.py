"""The wizard loads the TERC register with ``import_teryt``, the command's service: the
dry run names the units whose official name or TERYT code would change, and stores
nothing; only the installation's administrator loads it (docs/imports.md, "The import
wizard")."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client, override_settings

from kooperacja.imports.models import ImportJob
from kooperacja.imports.tests.conftest import signed_in
from kooperacja.records.models import AuditEvent
from kooperacja.territory.models import TercUnit, Unit

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
HEADER = "WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA\n"


def upload(client: Client, path: Path) -> object:
    with path.open("rb") as f:
        return client.post("/dane/import/", {"kind": "terc", "file": f})


@override_settings(TASKS=IMMEDIATE)
def test_the_dry_run_names_the_units_whose_name_or_code_would_change(
        town, tmp_path, django_capture_on_commit_callbacks):
    # The village's districts are coded W and E; a gmina coded as TERC would be renamed.
    Unit.objects.filter(code="W").update(code="0804032", name="Kolsko (stara nazwa)")
    register = tmp_path / "TERC.csv"
    register.write_text(HEADER + "08;;;;LUBUSKIE;województwo;2025-11-18\n"
                        "08;04;03;2;Kolsko;gmina wiejska;2025-11-18\n", encoding="utf-8")
    admin = signed_in(town.installation)
    assert upload(admin, register).status_code == 302
    job = ImportJob.objects.get()
    assert job.detected["rows"][1] == ["0804032", "Kolsko", "gmina wiejska", "2025-11-18"]
    admin.post(f"/dane/import/{job.pk}/", {"csrfmiddlewaretoken": "x"})
    job.refresh_from_db()
    assert job.status == "checked"
    assert (job.dry_run["entries"], job.dry_run["added"], job.dry_run["units_changed"]) == (
        2, 2, 1)
    assert job.dry_run["units"] == [{"code": "0804032", "before": "Kolsko (stara nazwa)",
                                     "after": "Kolsko", "code_set": True}]
    assert not TercUnit.objects.exists()  # nothing stored
    page = admin.get(f"/dane/import/{job.pk}/").content.decode()
    assert 'data-unit="0804032"' in page

    with django_capture_on_commit_callbacks(execute=True):
        admin.post(f"/dane/import/{job.pk}/confirm/")
    job.refresh_from_db()
    assert job.status == "done" and job.report["units_named"] == 1 and job.upload_path == ""
    unit = Unit.objects.get(code="0804032")
    assert (unit.name, unit.teryt) == ("Kolsko", "0804032") and TercUnit.objects.count() == 2
    assert AuditEvent.objects.filter(action="import", object_id=str(job.pk)).exists()

    # The same register again changes nothing.
    upload(admin, register)
    again = ImportJob.objects.latest("pk")
    admin.post(f"/dane/import/{again.pk}/", {"csrfmiddlewaretoken": "x"})
    again.refresh_from_db()
    assert (again.dry_run["added"], again.dry_run["changed"], again.dry_run["units_changed"]) \
        == (0, 0, 0)


def test_a_file_that_is_not_the_register_fails_at_once(town, tmp_path):
    admin = signed_in(town.installation)
    wrong = tmp_path / "TERC.csv"
    wrong.write_text(HEADER + "08;4;;;Zła;powiat;2025-11-18\n", encoding="utf-8")
    upload(admin, wrong)
    job = ImportJob.objects.get()
    assert job.status == "failed" and job.upload_path == "" and job.error


def test_only_the_installations_administrator_loads_the_register(town, tmp_path):
    register = tmp_path / "TERC.csv"
    register.write_text(HEADER + "08;;;;LUBUSKIE;województwo;2025-11-18\n", encoding="utf-8")
    assert upload(signed_in(town.admin_a), register).status_code == 403
    assert AuditEvent.objects.filter(action="import_refused", detail__kind="terc").exists()
    assert not ImportJob.objects.exists()
