"""Counts an import tallies in one pass, and those a new generation of a level gets, equal
those SQL gives over the stored records (the SQL here is the reference, not the code's)."""

from __future__ import annotations

import pytest
import shapely
from django.db import connection, transaction

from kooperacja.addresses.models import PointUnit
from kooperacja.records.models import Record, RecordCode, UnitCount
from kooperacja.records.services.importing import import_submission
from kooperacja.records.tests.world import MOPS_HEADER, PUP_HEADER, mops_row, pesel, write_csv
from kooperacja.territory.models import Generation
from kooperacja.territory.services.boundaries import import_units

pytestmark = pytest.mark.django_db
_FIELDS = ("unit_id", "level_id", "institution_id", "submission_id", "period", "code_list_id",
           "code_id", "persons", "families")


def refresh_counts(submission) -> None:
    """Replace the institution's counts for the submission's period by those of its
    stored records, at every level with a current generation, in SQL."""
    count, record, codes = (UnitCount._meta.db_table, Record._meta.db_table,
                            RecordCode._meta.db_table)
    columns = ", ".join(_FIELDS)
    params = [submission.institution_id, submission.pk, submission.period]
    current = (f"pu.generation_id IN (SELECT id FROM {Generation._meta.db_table} "
               f"WHERE is_current)")
    point_unit = PointUnit._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {count} WHERE institution_id = %s AND period = %s",
                       [submission.institution_id, submission.period])
        # Per code: a family with two reasons counts once under each, as in MRPiPS-03.
        cursor.execute(
            f"INSERT INTO {count} ({columns}) "
            f"SELECT pu.unit_id, pu.level_id, %s, %s, %s, rc.code_list_id, rc.code_id, "
            f"COUNT(DISTINCT r.person), COUNT(DISTINCT r.family) "
            f"FROM {codes} rc JOIN {record} r ON r.id = rc.record_id "
            f"JOIN {point_unit} pu ON {current} AND pu.point_id = r.point_id "
            f"WHERE rc.submission_id = %s "
            f"GROUP BY pu.unit_id, pu.level_id, rc.code_list_id, rc.code_id",
            [*params, submission.pk],
        )
        cursor.execute(
            f"INSERT INTO {count} ({columns}) "
            f"SELECT pu.unit_id, pu.level_id, %s, %s, %s, NULL, NULL, "
            f"COUNT(DISTINCT r.person), COUNT(DISTINCT r.family) "
            f"FROM {record} r JOIN {point_unit} pu ON {current} AND pu.point_id = r.point_id "
            f"WHERE r.submission_id = %s GROUP BY pu.unit_id, pu.level_id",
            [*params, submission.pk],
        )


def _counts() -> list[tuple[object, ...]]:
    return sorted(UnitCount.objects.values_list(*_FIELDS), key=repr)


def _same_as_sql(submission) -> None:
    tallied = _counts()
    assert tallied
    with transaction.atomic():
        refresh_counts(submission)
        assert _counts() == tallied
        transaction.set_rollback(True)


def test_tallied_counts_equal_the_sql_ones_for_records_with_families(tmp_path, cast):
    rows = [mops_row(n % 23, "Długa" if n % 3 else "Krótka", 1 + n % 4, family=n % 17,
                     reasons=("1,4", "7", "9", "1")[n % 4], supports=("posiłek", "")[n % 2])
            for n in range(60)]
    rows += [mops_row(70, "Nieistniejąca", 7), mops_row(71, "Długa", 1, supports="")]
    path = write_csv(tmp_path / "mops.csv", MOPS_HEADER, rows)
    submission = import_submission(path, cast.a, "2025", "mops")
    assert submission.addresses_unmatched == 1
    _same_as_sql(submission)


def test_tallied_counts_equal_the_sql_ones_without_families(tmp_path, cast):
    rows = [[pesel(n % 9), f"Nazwisko{n}", f"Imię{n}",
             ("ul. Długa 1", "Krótka 2", "Nigdzie 5")[n % 3],
             "Testowo", "do 30 roku życia", ("szkolenie", "staż", "szkolenie, staż")[n % 3],
             "2025-03-01"] for n in range(30)]
    path = write_csv(tmp_path / "pup.csv", PUP_HEADER, rows)
    submission = import_submission(path, cast.b, "2025", "pup")
    _same_as_sql(submission)


def test_counts_of_a_new_generation_equal_the_sql_ones(tmp_path, cast, layer_writer):
    rows = [mops_row(n % 23, "Długa" if n % 3 else "Krótka", 1 + n % 4, family=n % 17,
                     reasons=("1,4", "7", "9", "1")[n % 4]) for n in range(60)]
    submission = import_submission(write_csv(tmp_path / "mops.csv", MOPS_HEADER, rows), cast.a,
                                   "2025", "mops")
    halves = [shapely.box(0, 0, 0.015, 0.01), shapely.box(0.015, 0, 0.03, 0.01)]
    new = import_units(layer_writer(tmp_path / "estates.geojson", halves,
                                    {"kod": ["W", "E"], "nazwa": ["West", "East"]}, "EPSG:4326"),
                       "estate", "kod", "nazwa", parent_level="city",
                       allow_retire=True).generation  # two estates redrawn as two others
    counted = [c for c in _counts() if c[0] in {u.pk for u in new.units.all()}]
    assert {c[7] for c in counted if c[5] is None} == {len({n % 23 for n in range(60) if n % 3}),
                                                      len({n % 23 for n in range(60) if not n % 3})}
    with transaction.atomic():
        refresh_counts(submission)
        assert [c for c in _counts() if c[0] in {u.pk for u in new.units.all()}] == counted
        transaction.set_rollback(True)
