"""Client overlap between two institutions in a period, per unit of one level.

The pseudonyms are read into this process, handed to the core's ``overlap`` and dropped;
only the counts it returns leave.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from django.db import connection

from kooperacja.addresses.services.units import point_units_sql
from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.core.submissions.demography import expand_bands
from kooperacja.core.submissions.overlap import overlap
from kooperacja.records.models import Code, Institution, Record, RecordCode, Submission
from kooperacja.territory.models import Generation, Unit


def overlap_table(period: str, a: Institution, b: Institution,
                  level: str | None = None, *, sex: str = "",
                  age_bands: Sequence[str] = ()) -> pd.DataFrame:
    """unit_code, persons_both and same_<instrument type> per unit of ``level`` (the
    finest level when not given), and a last row ``*`` for the whole territory; of the
    persons of one ``sex`` ("K", "M") and some ``age_bands`` only, when given (stored
    bands or merged ones such as "18-29", see ``core.submissions.demography``)."""
    generation = _generation(level)
    types = list(Code.objects.filter(code_list__code="instrument_type").order_by("id")
                 .values_list("code", flat=True))
    units = list(Unit.objects.filter(generation=generation).values_list("code", flat=True))
    who = _Who(sex, expand_bands(age_bands))
    return overlap(_people(a, period, generation, who), _people(b, period, generation, who),
                   types, units)


@dataclass(frozen=True)
class _Who:
    sex: str
    bands: list[str]

    def sql(self) -> tuple[str, list[str]]:
        where, params = "", []
        if self.sex:
            where, params = " AND r.sex = %s", [self.sex]
        if self.bands:
            where += f" AND r.age_band IN ({', '.join(['%s'] * len(self.bands))})"
            params += self.bands
        return where, params


def _generation(level: str | None) -> Generation:
    generations = Generation.objects.current().select_related("level").order_by("-level__rank")
    if level:
        generations = generations.filter(level__code=level)
    generation = generations.first()
    if generation is None:
        raise UserError(None, N_("There is no level %(level)s with current boundaries."),
                        {"level": level or "-"})
    return generation


def _people(institution: Institution, period: str, generation: Generation,
            who: _Who) -> pd.DataFrame:
    submission = Submission.objects.active(period, institution).first()
    if submission is None:
        raise UserError(None, N_("%(institution)s has no imported submission for %(period)s."),
                        {"institution": institution.code, "period": period})
    record, codes = Record._meta.db_table, RecordCode._meta.db_table
    located, params = point_units_sql([generation], retired=True)
    where, chosen = who.sql()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT r.person, u.code FROM {record} r "
            f"LEFT JOIN ({located}) pu ON pu.point_id = r.point_id "
            f"LEFT JOIN {Unit._meta.db_table} u ON u.id = pu.unit_id "
            f"WHERE r.submission_id = %s{where}",
            [*params, submission.pk, *chosen],
        )
        placed = cursor.fetchall()
        cursor.execute(
            f"SELECT DISTINCT r.person, it.code FROM {codes} rc "
            f"JOIN {record} r ON r.id = rc.record_id "
            f"JOIN {Code._meta.db_table} c ON c.id = rc.code_id "
            f"JOIN {Code._meta.db_table} it ON it.id = c.instrument_type_id "
            f"WHERE rc.submission_id = %s{where}",
            [submission.pk, *chosen],
        )
        helped = cursor.fetchall()
    frame = pd.DataFrame(placed, columns=["person", "unit_code"], dtype=object)
    frame["instrument_type"] = None
    kinds = pd.DataFrame(helped, columns=["person", "instrument_type"], dtype=object)
    kinds["unit_code"] = None
    return pd.concat([frame, kinds], ignore_index=True)
