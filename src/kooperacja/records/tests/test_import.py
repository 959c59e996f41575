"""Importing extracts: what is stored, what is rejected, what a second sending does."""

from __future__ import annotations

import pytest

from kooperacja.core.errors import UserError
from kooperacja.records.models import Record, RecordCode, Submission, UnitCount
from kooperacja.records.services.counts import count_rows
from kooperacja.records.services.importing import import_submission
from kooperacja.records.tests.world import MOPS_HEADER, mops_row, pesel, stored_counts, write_csv

pytestmark = pytest.mark.django_db


def _mops_file(tmp_path, rows):
    return write_csv(tmp_path / "mops.csv", MOPS_HEADER, rows)


def test_it_stores_pseudonyms_points_and_codes(tmp_path, cast):
    path = _mops_file(tmp_path, [
        mops_row(1, "Długa", 1, family=1, reasons="1,4", supports="posiłek"),
        mops_row(2, "Długa", 1, family=1, reasons="ubóstwo"),
        mops_row(3, "Krótka", 2, family=3, reasons="przemoc w rodzinie"),
    ])
    submission = import_submission(path, cast.a, "2025", "mops")
    assert submission.status == "active" and submission.rows_imported == 3
    assert submission.addresses_matched == 3
    records = list(Record.objects.order_by("row"))
    assert all(len(r.person) == 32 and r.point_id for r in records)
    assert records[0].family == records[1].family != records[2].family
    assert RecordCode.objects.filter(code__code="7").count() == 1
    counts = {(r["unit_code"], r["code_list"], r["code"]): (r["persons"], r["families"])
              for r in count_rows("2025", cast.a.pk)}
    assert counts["E1", "mops_reason", "1"] == (2, 1)
    assert counts["E1", "mops_reason", "4"] == (1, 1)
    assert counts["E2", "mops_reason", "7"] == (1, 1)
    assert counts["C1", "mops_reason", "1"] == (2, 1)
    assert counts["C1", "*", "*"] == (3, 2)
    assert path.exists()  # the CLI's file belongs to the user


def test_it_gives_the_same_counts_for_the_same_file_sent_twice(tmp_path, cast):
    path = _mops_file(tmp_path,
                      [mops_row(n, "Długa" if n % 2 else "Krótka", 1 + n % 4) for n in range(40)])
    first = import_submission(path, cast.a, "2025-H1", "mops")
    before = stored_counts()
    second = import_submission(path, cast.a, "2025-H1", "mops")
    assert stored_counts() == before
    first.refresh_from_db()
    assert (first.status, second.status) == ("replaced", "active")
    assert Record.objects.count() == 40
    assert not Record.objects.filter(submission=first).exists()


def test_it_imports_good_rows_and_reports_each_bad_one_without_values(tmp_path, cast):
    bad_pesel = pesel(5)[:-1] + str((int(pesel(5)[-1]) + 1) % 10)
    rows = [mops_row(n) for n in range(5)]
    rows.append([bad_pesel, "Kowalska", "Anna", "", "Długa", "1", "", "Testowo", "", "R9", "1", ""])
    rows.append(mops_row(6, reasons="nieznany powód"))
    path = _mops_file(tmp_path, rows)
    submission = import_submission(path, cast.a, "2025", "mops")
    assert submission.rows_imported == 5 and submission.rows_rejected == 2
    by_row = {r["row"]: r for r in submission.rejections}
    assert by_row[7]["column"] == "PESEL" and by_row[7]["reason"] == "pesel_check_digit"
    assert by_row[8]["column"] == "Powody" and by_row[8]["reason"] == "code_unknown"
    report = str(submission.rejections)
    for value in (bad_pesel, "Kowalska", "nieznany", pesel(6)):
        assert value not in report


def test_it_rejects_the_whole_file_in_strict_mode_and_keeps_the_previous(tmp_path, cast):
    import_submission(_mops_file(tmp_path, [mops_row(1)]), cast.a, "2025", "mops")
    before = stored_counts()
    rows = [mops_row(2), mops_row(3, reasons="??")]
    submission = import_submission(_mops_file(tmp_path, rows), cast.a, "2025", "mops",
                                   strict=True)
    assert submission.status == "rejected" and submission.rows_rejected == 1
    assert stored_counts() == before
    assert Record.objects.count() == 1


def test_it_refuses_a_file_without_the_required_columns(tmp_path, cast):
    path = write_csv(tmp_path / "x.csv", ["PESEL", "Nazwisko"], [[pesel(1), "Nowak"]])
    with pytest.raises(UserError) as error:
        import_submission(path, cast.a, "2025", "mops")
    assert "Nowak" not in str(error.value)
    assert Submission.objects.get().status == "rejected"


def test_it_keeps_unmatched_addresses_out_of_counts_and_queues_them(tmp_path, cast):
    from kooperacja.addresses.models import ReviewItem

    path = _mops_file(tmp_path, [mops_row(1), mops_row(2, "Nieistniejąca", 7)])
    submission = import_submission(path, cast.a, "2025", "mops")
    assert (submission.addresses_matched, submission.addresses_unmatched) == (1, 1)
    assert Record.objects.filter(point__isnull=True, geocode_status="unmatched").count() == 1
    assert ReviewItem.objects.count() == 1
    counts = {(r["unit_code"], r["code"]): r["persons"] for r in count_rows("2025")}
    assert counts["C1", "*"] == 1


def test_it_imports_aggregates_as_counts(tmp_path, cast):
    path = write_csv(tmp_path / "agg.csv", ["Kod jednostki", "Kod", "Liczba", "Słownik"], [
        ["E1", "1", "12", "mops_reason"], ["E2", "4", "3", "mops_reason"],
        ["X9", "1", "5", "mops_reason"],
    ])
    submission = import_submission(path, cast.a, "2025", "aggregate")
    assert submission.rows_imported == 2 and submission.rejections[0]["row"] == 4
    assert UnitCount.objects.get(unit__code="E1", code__code="1").persons == 12


def test_of_two_imports_for_one_period_the_newer_upload_wins_whichever_ends_last(tmp_path, cast):
    older = Submission.objects.create(  # queued first, its import slow to finish
        institution=cast.a, period="2025", period_start="2025-01-01", period_end="2025-12-31",
        layout="mops", status=Submission.Status.QUEUED)
    newer = import_submission(_mops_file(tmp_path, [mops_row(1), mops_row(2)]), cast.a,
                              "2025", "mops")
    newer_counts = stored_counts()
    late = import_submission(_mops_file(tmp_path, [mops_row(3)]), cast.a, "2025", "mops",
                             submission=older)
    assert late.status == Submission.Status.REPLACED
    newer.refresh_from_db()
    assert newer.status == Submission.Status.ACTIVE
    assert stored_counts() == newer_counts
    assert Record.objects.filter(submission=older).count() == 0
