"""Counts per unit: persons and families of an institution per unit, code and period,
refreshed set-based after each submission and read back for export."""

from __future__ import annotations

from django.db import connection

from kooperacja.addresses.models import PointUnit
from kooperacja.records.models import Record, RecordCode, Submission, UnitCount
from kooperacja.territory.models import Generation

_COUNT = UnitCount._meta.db_table
_RECORD = Record._meta.db_table
_CODES = RecordCode._meta.db_table
_POINT_UNIT = PointUnit._meta.db_table
_COLUMNS = "unit_id, level_id, institution_id, submission_id, period, code_list_id, code_id, persons, families"


def refresh_counts(submission: Submission) -> None:
    """Replace the institution's counts for the submission's period by those of its
    records, at every level with a current generation; call inside the swap transaction."""
    params = [submission.institution_id, submission.pk, submission.period]
    generations = list(Generation.objects.current().values_list("pk", flat=True)) or [0]
    # Naming the generations lets both databases use the (generation, point) index.
    current = f"pu.generation_id IN ({', '.join(str(int(g)) for g in generations)})"
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {_COUNT} WHERE institution_id = %s AND period = %s",
            [submission.institution_id, submission.period],
        )
        # Per code: a family with two reasons counts once under each, as in MRPiPS-03.
        cursor.execute(
            f"INSERT INTO {_COUNT} ({_COLUMNS}) "
            f"SELECT pu.unit_id, pu.level_id, %s, %s, %s, rc.code_list_id, rc.code_id, "
            f"COUNT(DISTINCT r.person), COUNT(DISTINCT r.family) "
            f"FROM {_CODES} rc JOIN {_RECORD} r ON r.id = rc.record_id "
            f"JOIN {_POINT_UNIT} pu ON {current} AND pu.point_id = r.point_id "
            f"WHERE rc.submission_id = %s "
            f"GROUP BY pu.unit_id, pu.level_id, rc.code_list_id, rc.code_id",
            [*params, submission.pk],
        )
        cursor.execute(
            f"INSERT INTO {_COUNT} ({_COLUMNS}) "
            f"SELECT pu.unit_id, pu.level_id, %s, %s, %s, NULL, NULL, "
            f"COUNT(DISTINCT r.person), COUNT(DISTINCT r.family) "
            f"FROM {_RECORD} r JOIN {_POINT_UNIT} pu ON {current} AND pu.point_id = r.point_id "
            f"WHERE r.submission_id = %s GROUP BY pu.unit_id, pu.level_id",
            [*params, submission.pk],
        )


def count_rows(
    period: str, institution_id: int | None = None, level: str | None = None
) -> list[dict[str, object]]:
    """The stored counts as rows of unit_code, code_list, code, persons, families; "*"
    for the code list and code of the everyone-placed row.

    Without an institution the institutions' counts are added up: code lists belong to
    one kind of institution, so this only adds across institutions of one kind.
    """
    counts = UnitCount.objects.filter(period=period, submission__status=Submission.Status.ACTIVE)
    if institution_id is not None:
        counts = counts.filter(institution_id=institution_id)
    if level:
        counts = counts.filter(level__code=level)
    totals: dict[tuple[str, str, str], list[int | None]] = {}
    for unit_code, rank, code_list, code, persons, families in counts.values_list(
        "unit__code", "level__rank", "code_list__code", "code__code", "persons", "families"
    ).order_by("level__rank", "unit__code", "code_list__code", "code__id"):
        key = (unit_code, code_list or "*", code or "*")
        total = totals.setdefault(key, [0, None])
        total[0] = int(total[0] or 0) + persons
        if families is not None:
            total[1] = (total[1] or 0) + families
    return [
        {"unit_code": u, "code_list": cl, "code": c, "persons": p, "families": "" if f is None else f}
        for (u, cl, c), (p, f) in totals.items()
    ]
