"""The partitioned schema by territory (docs/scaling.md) on PostgreSQL: the DDL generated
from the models runs, rows of two voivodeships land in their partitions, and a gmina's
queries read one partition only."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import connection

from kooperacja.addresses.models import RegisterImport
from kooperacja.operations.partitioning import citus_ddl, partitioned_ddl, tables
from kooperacja.records.models import Code, Institution, Submission
from kooperacja.territory.models import Generation, Level, Unit

SCHEMA = "scratch_by_territory"
KATOWICE, KRAKOW = "2469011", "1261011"  # gminas in śląskie (24) and małopolskie (12)


@pytest.fixture
def partitioned(db):
    if connection.vendor != "postgresql":
        pytest.skip("declarative partitioning is PostgreSQL's")
    with connection.cursor() as cursor:
        for statement in partitioned_ddl(SCHEMA):
            cursor.execute(statement)
    return SCHEMA


def _rows() -> None:
    """Two gminas' points, their units, records, codes and counts, one in each
    voivodeship, written to the scratch tables (whose foreign keys point at the real
    units, institutions and submissions)."""
    level = Level.objects.create(code="gmina", name="gmina", rank=30)
    generation = Generation.objects.create(level=level, valid_from=dt.date(2025, 1, 1),
                                           source="test", checksum="x")
    units = {teryt: Unit.objects.create(generation=generation, level=level, code=teryt,
                                        name=teryt, teryt=teryt, geometry="{}", area_km2=1)
             for teryt in (KATOWICE, KRAKOW)}
    institution = Institution.objects.create(code="mops", name="MOPS", kind="mops")
    submission = Submission.objects.create(
        institution=institution, period="2025", period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31), layout="mops")
    register = RegisterImport.objects.create(file_name="prg.csv")
    code = Code.objects.select_related("code_list").first()
    assert code is not None
    with connection.cursor() as cursor:
        for n, (teryt, unit) in enumerate(units.items(), start=1):
            for i in range(3):
                point = n * 10 + i
                cursor.execute(
                    f"INSERT INTO {SCHEMA}.addresses_addresspoint (id, source_id, teryt_gmina, "
                    "locality, simc, locality_part, street, ulic, number, postcode, status, "
                    "x, y, lon, lat, register_import_id) VALUES (%s, %s, %s, 'M', '', '', "
                    "'Ogrodowa', '', %s, '', '', 0, 0, 19, 50, %s)",
                    [point, f"p{point}", teryt, str(i + 1), register.pk])
                cursor.execute(
                    f"INSERT INTO {SCHEMA}.addresses_pointunit (point_id, unit_id, level_id, "
                    "generation_id, teryt) VALUES (%s, %s, %s, %s, %s)",
                    [point, unit.pk, level.pk, generation.pk, teryt])
                cursor.execute(
                    f"INSERT INTO {SCHEMA}.records_record (id, submission_id, institution_id, "
                    "period, row, person, family, point_id, geocode_status, teryt) VALUES "
                    "(%s, %s, %s, '2025', %s, %s, NULL, %s, 'matched', %s)",
                    [point, submission.pk, institution.pk, point, f"x{point}", point, teryt])
                cursor.execute(
                    f"INSERT INTO {SCHEMA}.records_recordcode (submission_id, record_id, "
                    "code_list_id, code_id, teryt) VALUES (%s, %s, %s, %s, %s)",
                    [submission.pk, point, code.code_list_id, code.pk, teryt])
            cursor.execute(
                f"INSERT INTO {SCHEMA}.records_unitcount (unit_id, level_id, institution_id, "
                "submission_id, period, persons, teryt) VALUES (%s, %s, %s, %s, '2025', 3, %s)",
                [unit.pk, level.pk, institution.pk, submission.pk, teryt])


def _scanned(sql: str, params: list[object]) -> set[str]:
    """The tables a query's plan reads."""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        (plan,) = cursor.fetchone()
    plan = json.loads(plan) if isinstance(plan, str) else plan
    found: set[str] = set()

    def walk(node: dict) -> None:
        if "Relation Name" in node:
            found.add(node["Relation Name"])
        for child in node.get("Plans", []):
            walk(child)

    walk(plan[0]["Plan"])
    return found


def test_a_gminas_rows_and_queries_stay_in_its_voivodeships_partition(partitioned):
    """One scenario (the DDL takes a few seconds): rows land by their code, a gmina's
    queries read one partition, the regional map's read them all."""
    _rows()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT tableoid::regclass::text, teryt, COUNT(*) FROM "
                       f"{SCHEMA}.records_record GROUP BY 1, 2 ORDER BY 1")
        assert cursor.fetchall() == [
            (f"{SCHEMA}.records_record_12", KRAKOW, 3),
            (f"{SCHEMA}.records_record_24", KATOWICE, 3)]
        # A code that is no TERYT code goes to the default partition.
        cursor.execute(f"INSERT INTO {SCHEMA}.records_unitcount (unit_id, level_id, "
                       "institution_id, submission_id, period, persons, teryt) SELECT unit_id, "
                       "level_id, institution_id, submission_id, period, 1, 'C' FROM "
                       f"{SCHEMA}.records_unitcount LIMIT 1")
        cursor.execute(f"SELECT tableoid::regclass::text FROM {SCHEMA}.records_unitcount "
                       "WHERE teryt = 'C'")
        assert cursor.fetchone() == (f"{SCHEMA}.records_unitcount_other",)

    # A gmina's import reads and replaces its records; its counts; its unit page.
    assert _scanned(f"SELECT COUNT(*) FROM {SCHEMA}.records_record WHERE teryt = %s",
                    [KATOWICE]) == {"records_record_24"}
    assert _scanned(
        f"SELECT pu.unit_id, COUNT(DISTINCT r.person) FROM {SCHEMA}.records_record r "
        f"JOIN {SCHEMA}.addresses_pointunit pu ON pu.point_id = r.point_id "
        "AND pu.teryt = r.teryt WHERE r.teryt = %s AND pu.generation_id > 0 GROUP BY 1",
        [KATOWICE]) == {"records_record_24", "addresses_pointunit_24"}
    assert _scanned(f"SELECT persons FROM {SCHEMA}.records_unitcount WHERE teryt = %s "
                    "AND period = '2025'", [KRAKOW]) == {"records_unitcount_12"}
    # A powiat's codes are a range within its voivodeship's.
    assert _scanned(f"SELECT COUNT(*) FROM {SCHEMA}.addresses_addresspoint "
                    "WHERE teryt_gmina >= %s AND teryt_gmina < %s", ["2469", "2470"]
                    ) == {"addresses_addresspoint_24"}
    # The regional map and national averages fan out.
    scanned = _scanned(f"SELECT teryt, SUM(persons) FROM {SCHEMA}.records_unitcount "
                       "WHERE period = '2025' GROUP BY teryt", [])
    assert {"records_unitcount_12", "records_unitcount_24"} <= scanned
    assert len(scanned) == 17  # every voivodeship's and the default partition


def test_citus_distributes_the_same_tables_by_the_same_key():
    statements = citus_ddl()
    distributed = [s for s in statements if "create_distributed_table" in s]
    assert len(distributed) == len(tables())
    assert "'records_record', 'teryt'" in " ".join(distributed)
    assert all("colocate_with => 'addresses_addresspoint'" in s for s in distributed[1:])
