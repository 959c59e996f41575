"""The upload page, the background import, the progress endpoint and the report."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from kooperacja.records.models import AuditEvent, Submission, UnitCount
from kooperacja.records.tests.world import MOPS_HEADER, mops_row, write_csv
from kooperacja.territory.models import Generation, Level, Unit

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.urls("kooperacja.records.tests.urls"),
]
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def extract(tmp_path):
    rows = [mops_row(1), mops_row(2, reasons="??")]
    return write_csv(tmp_path / "Kowalski.csv", MOPS_HEADER, rows).read_bytes()


@override_settings(TASKS=IMMEDIATE)
def test_it_imports_an_upload_in_the_background_and_deletes_the_file(client, cast, extract):
    client.force_login(cast.partner_a)
    response = client.post("/records/upload/", {
        "institution": cast.a.pk, "period": "2025", "layout": "mops",
        "file": SimpleUploadedFile("Kowalski.csv", extract),
    })
    submission = Submission.objects.get()
    assert response.status_code == 302 and response.url == f"/records/submissions/{submission.pk}/"
    assert submission.status == "active" and submission.rows_imported == 1
    # The extract is gone (the import wizard keeps its own files in a folder of its own).
    assert not [p for p in (settings.DATA_DIR / "uploads").iterdir() if p.is_file()]
    progress = client.get(f"/records/submissions/{submission.pk}/progress.json").json()
    assert progress["finished"] and progress["rows_rejected"] == 1
    page = client.get(f"/records/submissions/{submission.pk}/").content.decode()
    assert "Odrzucone wiersze" in page or "Rejected rows" in page
    assert AuditEvent.objects.filter(action="view", actor="partner_a@example.org").exists()
    assert AuditEvent.objects.filter(action="upload", actor="partner_a@example.org").exists()


def test_it_chooses_the_only_institution_a_partner_works_for(client, cast):
    client.force_login(cast.partner_a)
    page = client.get("/records/upload/").content.decode()
    assert f'<option value="{cast.a.pk}" selected>' in page


def test_it_names_the_layouts_in_words_not_codes(client, cast):
    client.force_login(cast.partner_a)
    page = client.get("/records/upload/", HTTP_ACCEPT_LANGUAGE="pl").content.decode()
    assert '<option value="aggregate">liczby według jednostek (już zagregowane)</option>' in page
    assert '<option value="mops">wyciąg MOPS: wiersz na osobę</option>' in page
    assert ">aggregate<" not in page


@override_settings(TASKS=IMMEDIATE)
def test_it_keeps_partners_to_their_own_institution(client, cast, extract):
    client.force_login(cast.partner_b)
    response = client.post("/records/upload/", {
        "institution": cast.a.pk, "period": "2025", "layout": "mops",
        "file": SimpleUploadedFile("m.csv", extract),
    })
    assert response.status_code == 200 and not Submission.objects.exists()
    client.force_login(cast.partner_a)
    client.post("/records/upload/", {"institution": cast.a.pk, "period": "2025",
                                     "layout": "mops",
                                     "file": SimpleUploadedFile("m.csv", extract)})
    pk = Submission.objects.get().pk
    client.force_login(cast.partner_b)
    assert client.get(f"/records/submissions/{pk}/").status_code == 404
    assert client.get(f"/records/submissions/{pk}/progress.json").status_code == 404


def test_it_asks_anonymous_visitors_to_log_in(client, db):
    assert client.get("/records/upload/").status_code == 302


@override_settings(TASKS=IMMEDIATE)
def test_it_asks_an_upload_of_counts_which_level_a_repeated_unit_code_means(client, cast, tmp_path):
    cell = Level.objects.create(code="cell", name="cell", rank=90)
    generation = Generation.objects.create(level=cell, valid_from=dt.date(2020, 1, 1),
                                           source="test", checksum="cell")
    Unit.objects.create(generation=generation, level=cell, code="E1", name="E1", area_km2=1.0,
                        geometry=Unit.objects.get(code="E1").geometry)
    counts = write_csv(tmp_path / "agg.csv", ["Kod jednostki", "Kod", "Liczba", "Słownik"],
                       [["E1", "1", "3", "mops_reason"]]).read_bytes()
    client.force_login(cast.partner_a)
    form = {"institution": cast.a.pk, "period": "2025", "layout": "aggregate"}
    client.post("/records/upload/", form | {"file": SimpleUploadedFile("agg.csv", counts)})
    refused = Submission.objects.get()
    assert refused.status == "rejected" and "cell" in refused.error and "--level" in refused.error
    client.post("/records/upload/", form | {"level": cell.pk,
                                            "file": SimpleUploadedFile("agg.csv", counts)})
    assert list(UnitCount.objects.values_list("unit__level__code", "persons")) == [("cell", 3)]


def test_it_refuses_a_level_for_a_person_level_extract_on_the_form(client, cast, extract):
    client.force_login(cast.partner_a)
    response = client.post("/records/upload/", {
        "institution": cast.a.pk, "period": "2025", "layout": "mops",
        "level": Level.objects.get(code="estate").pk,
        "file": SimpleUploadedFile("m.csv", extract),
    })
    assert response.status_code == 200 and not Submission.objects.exists()
    assert "aggregate" in response.content.decode()


@override_settings(TASKS=IMMEDIATE)
def test_a_refused_upload_says_why_without_naming_any_file(client, cast, tmp_path):
    client.force_login(cast.partner_a)
    headerless = write_csv(tmp_path / "Kowalski.csv", ["Nazwisko", "Ulica"], [["Nowak", "Długa"]])
    client.post("/records/upload/", {
        "institution": cast.a.pk, "period": "2025", "layout": "mops",
        "file": SimpleUploadedFile("Kowalski.csv", headerless.read_bytes()),
    })
    submission = Submission.objects.get()
    assert submission.status == "rejected" and "PESEL" in submission.error
    # Neither the name the office gave the file nor the name it was kept under.
    assert "Kowalski" not in submission.error and ".csv" not in submission.error


@override_settings(TASKS=IMMEDIATE)
def test_the_report_of_counts_by_unit_says_nothing_of_addresses(client, cast, tmp_path, extract):
    counts = write_csv(tmp_path / "agg.csv", ["Kod jednostki", "Kod", "Liczba", "Słownik"],
                       [["E1", "1", "3", "mops_reason"]]).read_bytes()
    client.force_login(cast.partner_a)
    client.post("/records/upload/", {"institution": cast.a.pk, "period": "2025",
                                     "layout": "aggregate",
                                     "file": SimpleUploadedFile("agg.csv", counts)})
    client.post("/records/upload/", {"institution": cast.a.pk, "period": "2024", "layout": "mops",
                                     "file": SimpleUploadedFile("m.csv", extract)})
    aggregate, people = Submission.objects.get(layout="aggregate"), Submission.objects.get(
        layout="mops")
    page = client.get(f"/records/submissions/{aggregate.pk}/",
                      HTTP_ACCEPT_LANGUAGE="pl").content.decode()
    assert "dopasowane adresy" not in page and "zaimportowane wiersze" in page
    page = client.get(f"/records/submissions/{people.pk}/",
                      HTTP_ACCEPT_LANGUAGE="pl").content.decode()
    assert "dopasowane adresy" in page


@override_settings(TASKS=IMMEDIATE)
def test_the_list_of_submissions_says_which_await_the_data_steward(client, cast, extract):
    client.force_login(cast.partner_a)
    client.post("/records/upload/", {"institution": cast.a.pk, "period": "2025", "layout": "mops",
                                     "file": SimpleUploadedFile("m.csv", extract)})
    page = client.get("/records/upload/", HTTP_ACCEPT_LANGUAGE="pl").content.decode()
    assert "<th>ocena</th>" in page and "<td>czeka na opiekuna danych</td>" in page
