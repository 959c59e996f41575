"""The partitioned variant of the heaviest tables, by territory (docs/scaling.md).

One database server holds a region; for the whole country the rows a gmina owns (its
address points, their units, the records placed there, their codes and the counts per
unit) go to one partition per voivodeship, keyed by a TERYT code (``teryt``: the gmina's
7 digits for points and records, a unit's territory code for counts). Each partition is a
RANGE of the code from the voivodeship's two digits to the next (``'24' <= teryt <
'25'``), so a query naming one gmina (``teryt = '2401011'``) or one powiat
(``teryt >= '2401' AND teryt < '2402'``) is pruned to one partition, and a code that is no
TERYT code (a fictional or a grid unit's) goes to the DEFAULT partition.

:func:`partitioned_ddl` writes the DDL from the models' own tables (their columns, types,
NULLs and CHECKs as Django makes them), adding the ``teryt`` column where the model has
none and the key to the primary key, as PostgreSQL requires of a partitioned table's
unique constraints. The same column is the distribution column for Citus
(:func:`citus_ddl`). Print both for a schema:

    python -m kooperacja.operations.partitioning [SCHEMA]
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection, models

VOIVODESHIPS = ("02", "04", "06", "08", "10", "12", "14", "16", "18", "20", "22", "24", "26",
                "28", "30", "32")


@dataclass(frozen=True)
class Partitioned:
    """A table partitioned by territory: the model, the column holding the key (added
    when the model has none), and the columns its index for territory queries covers."""

    model: type[models.Model]
    key: str
    added: bool
    index: tuple[str, ...]
    # (columns, referenced partitioned model, its columns): foreign keys that include the key
    references: tuple[tuple[tuple[str, ...], type[models.Model], tuple[str, ...]], ...] = ()


def tables() -> list[Partitioned]:
    """The heaviest tables: millions of rows a year at the country's scale."""
    from kooperacja.addresses.models import AddressPoint, PointUnit
    from kooperacja.records.models import Record, RecordCode, UnitCount, UnitCountBreakdown

    return [
        Partitioned(AddressPoint, "teryt_gmina", False, ("teryt_gmina", "locality")),
        Partitioned(PointUnit, "teryt", True, ("teryt", "generation_id", "point_id"),
                    ((("point_id", "teryt"), AddressPoint, ("id", "teryt_gmina")),)),
        Partitioned(Record, "teryt", True, ("teryt", "submission_id")),
        Partitioned(RecordCode, "teryt", True, ("teryt", "submission_id"),
                    ((("record_id", "teryt"), Record, ("id", "teryt")),)),
        Partitioned(UnitCount, "teryt", True, ("teryt", "period", "institution_id")),
        Partitioned(UnitCountBreakdown, "teryt", True, ("teryt", "period", "institution_id")),
    ]


def partitioned_ddl(schema: str, *, foreign_keys: bool = True) -> list[str]:
    """The statements that create the partitioned tables in ``schema`` (which they
    create): one parent per table with a partition per voivodeship and a default one.

    With ``foreign_keys`` the tables keep the models' foreign keys to the tables that stay
    whole (units, institutions, submissions, code lists: found on the search path), and a
    child table refers to its partitioned parent by (id, key), so a gmina's rows and the
    rows they point to sit in the same voivodeship's partitions.
    """
    q = connection.ops.quote_name
    statements = [f"CREATE SCHEMA {q(schema)}"]
    partitioned = {p.model for p in tables()}
    for table in tables():
        meta = table.model._meta
        name = f"{q(schema)}.{q(meta.db_table)}"
        sequence = f"{q(schema)}.{q(meta.db_table + '_id_seq')}"
        statements.append(f"CREATE SEQUENCE {sequence}")
        columns = []
        for field in meta.local_concrete_fields:
            if field.primary_key:
                # PostgreSQL before 17 has no identity columns on partitioned tables.
                columns.append(f"{q(field.column)} bigint NOT NULL DEFAULT nextval('{sequence}')")
                continue
            kind = field.db_type(connection)
            null = "" if field.null else " NOT NULL"
            check = field.db_check(connection)
            columns.append(f"{q(field.column)} {kind}{null}"
                           + (f" CHECK ({check})" if check else ""))
            target = getattr(field, "remote_field", None)
            if (foreign_keys and target is not None and field.db_constraint
                    and target.model not in partitioned):
                columns[-1] += (f" REFERENCES {q(target.model._meta.db_table)} "
                                f"DEFERRABLE INITIALLY DEFERRED")
        if table.added:
            columns.append(f"{q(table.key)} varchar(7) NOT NULL")
        columns.append(f"PRIMARY KEY ({q('id')}, {q(table.key)})")
        if foreign_keys:
            for own, model, theirs in table.references:
                columns.append(
                    f"FOREIGN KEY ({', '.join(map(q, own))}) REFERENCES "
                    f"{q(schema)}.{q(model._meta.db_table)} ({', '.join(map(q, theirs))}) "
                    f"ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED")
        statements.append(f"CREATE TABLE {name} ({', '.join(columns)}) "
                          f"PARTITION BY RANGE ({q(table.key)})")
        for code in VOIVODESHIPS:
            upper = f"{int(code) + 1:02d}"
            statements.append(
                f"CREATE TABLE {q(schema)}.{q(f'{meta.db_table}_{code}')} PARTITION OF {name} "
                f"FOR VALUES FROM ('{code}') TO ('{upper}')")
        statements.append(
            f"CREATE TABLE {q(schema)}.{q(f'{meta.db_table}_other')} PARTITION OF {name} DEFAULT")
        statements.append(
            f"CREATE INDEX {q(meta.db_table + '_territory')} ON {name} "
            f"({', '.join(map(q, table.index))})")
    return statements


def citus_ddl(reference: Sequence[type[models.Model]] = ()) -> list[str]:
    """On Citus, instead of the partitions: the same tables distributed by their key and
    placed together (co-located), and the small ones every node needs as reference
    tables (``reference``, by default units, levels, generations, institutions,
    submissions and code lists)."""
    from kooperacja.records.models import Code, CodeList, Institution, Submission
    from kooperacja.territory.models import Generation, Level, Unit

    reference = reference or (Level, Generation, Unit, Institution, Submission, CodeList, Code)
    statements = [f"SELECT create_reference_table('{m._meta.db_table}')" for m in reference]
    first = None
    for table in tables():
        colocate = f", colocate_with => '{first}'" if first else ""
        statements.append(f"SELECT create_distributed_table('{table.model._meta.db_table}', "
                          f"'{table.key}'{colocate})")
        first = first or table.model._meta.db_table
    return statements


def main(argv: Sequence[str]) -> int:
    import django

    django.setup()
    schema = argv[0] if argv else "by_territory"
    print(";\n".join(partitioned_ddl(schema)) + ";")
    print("-- or, on Citus, the tables as they are, distributed:")
    print(";\n".join(citus_ddl()) + ";")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
