"""Scheduled feeds: ``kooperacja import-dir DIR`` imports what institutions drop into
DIR/<kind>/<institution>/, moves each file to done/ or failed/ with a report beside it and
e-mails the reports (docs/catalogue.md, "Scheduled feeds")."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from kooperacja.catalogue.services.feeds import LOCK, period_in_name
from kooperacja.records.models import Submission, UnitCount
from kooperacja.records.tests.world import build_town, write_csv
from kooperacja.resources.models import Resource
from kooperacja.territory.models import Unit
from kooperacja.testing import build_personas

pytestmark = pytest.mark.django_db
HEADER = ["Kod jednostki", "Kod", "Liczba", "Słownik"]


@pytest.fixture
def cast(db):
    build_town()
    return build_personas(Unit.objects.get(code="C1"))


def drop(root, kind: str, institution: str, name: str):
    folder = root / kind / institution
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name


def test_it_reads_the_period_from_the_files_name():
    assert period_in_name("mops_2025-H1.csv") == "2025-H1"
    assert period_in_name("MOPS 2025-q3 (poprawiony).xlsx") == "2025-Q3"
    assert period_in_name("wyciag_2025.csv") == "2025"
    assert period_in_name("wyciag.csv") is None and period_in_name("12345.csv") is None


def test_it_imports_dropped_files_moves_them_and_mails_the_reports(tmp_path, cast):
    write_csv(drop(tmp_path, "aggregate", "a", "liczby_2025.csv"), HEADER, [
        ["E1", "1", "3", "mops_reason"], ["E2", "4", "2,5", "mops_reason"]])
    write_csv(drop(tmp_path, "aggregate", "a", "bez_okresu.csv"), HEADER, [
        ["E1", "1", "3", "mops_reason"]])
    write_csv(drop(tmp_path, "aggregate", "nobody", "liczby_2025.csv"), HEADER, [])
    drop(tmp_path, "resources", "a", "punkty.csv").write_text(
        "nazwa;rodzaj;lon;lat\nPunkt pomocy;shelter;0.005;0.005\n", encoding="utf-8")

    out = call_command("import_dir", str(tmp_path), "--min-age", "0", "--send")

    submission = Submission.objects.get(institution=cast.a, period="2025")
    assert submission.status == "active" and submission.rows_imported == 1
    assert UnitCount.objects.filter(submission=submission, unit__code="E1").exists()
    assert Resource.objects.get(name="Punkt pomocy").owner == cast.a
    done = sorted(p.name for p in (tmp_path / "done" / "aggregate" / "a").iterdir())
    assert len(done) == 2 and done[0].endswith("_liczby_2025.csv")
    report = (tmp_path / "done" / "aggregate" / "a" / done[1]).read_text(encoding="utf-8")
    assert "zaimportowano" in report and "wiersz 3, kolumna Liczba" in report
    failed = {p.name.split("_", 1)[1]: p for p in (tmp_path / "failed").rglob("*.report.txt")}
    assert "nazwie pliku" in failed["bez_okresu.csv.report.txt"].read_text(encoding="utf-8")
    assert "nobody" in failed["liczby_2025.csv.report.txt"].read_text(encoding="utf-8")
    assert (tmp_path / "done" / "resources" / "a").is_dir()
    assert not list((tmp_path / "aggregate" / "a").iterdir())
    assert not (tmp_path / LOCK).exists()
    assert "4 pliki, 2 nieudane" in out
    # Institution A's people who may see its submissions get A's reports; the unknown
    # institution's go to the installation's administrators.
    to = {address: m.subject for m in mail.outbox for address in m.to}
    assert "partner_a@example.org" in to and "steward_a@example.org" in to
    assert "analyst_x@example.org" not in to
    assert "installation@example.org" in to


def test_it_leaves_a_file_still_being_copied_and_refuses_a_second_run(tmp_path, cast):
    write_csv(drop(tmp_path, "aggregate", "a", "liczby_2025.csv"), HEADER, [])
    call_command("import_dir", str(tmp_path))  # the file is younger than a minute
    assert (tmp_path / "aggregate" / "a" / "liczby_2025.csv").exists()
    (tmp_path / LOCK).write_text("1")
    with pytest.raises(CommandError, match="import-dir"):
        call_command("import_dir", str(tmp_path), "--min-age", "0")
