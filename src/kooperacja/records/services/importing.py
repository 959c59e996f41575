"""Importing a submission: read → validate → pseudonymise → geocode → store → count.

Records are staged under a new submission, committed chunk by chunk so progress can be
watched; counts read only active submissions, so staged rows are invisible. One short
transaction then swaps the new submission in for the previous one of the same
institution and period and refreshes the counts. An import killed before the swap leaves
the previous state whole; its staged rows are cleared by the next import.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import ngettext

from kooperacja.addresses.models import AddressPoint
from kooperacja.addresses.services.bulk import write_rows
from kooperacja.core.errors import UserError
from kooperacja.core.submissions.pseudonym import pseudonymise_records
from kooperacja.core.submissions.reading import open_extract
from kooperacja.core.submissions.validate import (
    Rejection,
    Validated,
    validate_aggregate,
    validate_records,
)
from kooperacja.messages import user_message
from kooperacja.operations.services.keys import pseudonym_key
from kooperacja.records.models import (
    Institution,
    Record,
    RecordCode,
    Submission,
    UnitCount,
    UnitCountBreakdown,
)
from kooperacja.records.services.audit import record_event
from kooperacja.records.services.codebook import StoredCodes, stored_codes
from kooperacja.records.services.counts import Tally, write_counts
from kooperacja.records.services.parameters import ImportParameters
from kooperacja.territory.models import Level
from kooperacja.territory.services.codes import UnitCodes

log = logging.getLogger(__name__)

Progress = Callable[[int], None]
MAX_REPORTED = 5_000
# A running submission silent for this long belongs to an import that died.
STALE_AFTER = dt.timedelta(minutes=10)

_RECORD_COLUMNS = (
    "submission_id", "institution_id", "period", "row", "person", "family", "point_id",
    "geocode_status", "sex", "age_band",
)


@dataclass
class _Geocodes:
    """Answers for addresses met so far: offices repeat the same addresses."""

    available: bool
    known: dict[str, tuple[str, int | None]] = field(default_factory=dict)
    to_review: list[tuple[str, str, str]] = field(default_factory=list)


def import_submission(
    path: Path | str,
    institution: Institution,
    period: str,
    layout: str,
    mapping: Mapping[str, str] | None = None,
    strict: bool = False,
    user: Any | None = None,
    progress: Progress | None = None,
    *,
    encoding: str | None = None,
    submission: Submission | None = None,
    delete_file: bool = False,
    level: Level | str | None = None,
) -> Submission:
    """Import an extract for ``institution`` and ``period``, replacing the previous one.

    Bad rows are left out and reported (row, column, reason); with ``strict`` any bad
    row rejects the whole file and the previous submission stays. ``level`` is the level
    of a per-unit file's units, needed when their codes are current on several levels.
    ``submission`` is a queued one to fill (web uploads, with their level);
    ``delete_file`` removes the file afterwards, as for uploads (a file the CLI was given
    belongs to the user and stays).
    """
    path = Path(path)
    if level is None and submission is not None:
        level = submission.level
    try:
        params = ImportParameters.check(institution, period, layout, strict=strict, level=level)
        submission = _start(submission, path, params, user)
        try:
            _clear_dead_imports(params.institution)
            _import(submission, path, params, mapping, encoding, progress)
        except UserError as e:
            # The report names no file: a web upload's is stored under a random name, and
            # offices name their files after clients.
            _finish_failed(submission, Submission.Status.REJECTED,
                           user_message(e.without_path()))
            raise
        except BaseException:
            _finish_failed(submission, Submission.Status.FAILED, "")
            raise
    finally:
        if delete_file:
            path.unlink(missing_ok=True)
    record_event(user, "upload", submission, {
        "institution": institution.code, "period": submission.period, "status": submission.status,
        "rows_imported": submission.rows_imported, "rows_rejected": submission.rows_rejected,
    })
    return submission


def import_summary(submission: Submission) -> str:
    """One line on how ``submission``'s import went, in the reader's language (the
    command's last line, the scheduled feeds' report)."""
    return ngettext(
        "%(institution)s %(period)s: %(imported)d row imported, %(rejected)d rejected, "
        "%(matched)d addresses matched, %(unmatched)d not (queued for review)",
        "%(institution)s %(period)s: %(imported)d rows imported, %(rejected)d rejected, "
        "%(matched)d addresses matched, %(unmatched)d not (queued for review)",
        submission.rows_imported,
    ) % {
        "institution": submission.institution.code, "period": submission.period,
        "imported": submission.rows_imported, "rejected": submission.rows_rejected,
        "matched": submission.addresses_matched, "unmatched": submission.addresses_unmatched,
    }


def _start(
    submission: Submission | None, path: Path, params: ImportParameters, user: Any | None,
) -> Submission:
    submission = submission or Submission(file_name=path.name[:255])
    submission.institution = params.institution
    submission.period, submission.period_start, submission.period_end = (
        params.period.label, params.period.start, params.period.end)
    submission.layout = params.layout.name
    submission.level = params.level
    submission.strict = params.strict
    submission.status = Submission.Status.RUNNING
    if submission.created_by_id is None and getattr(user, "is_authenticated", False):
        submission.created_by = user
    submission.save()
    return submission


def _clear_dead_imports(institution: Institution) -> None:
    stale = Submission.objects.filter(
        institution=institution, status=Submission.Status.RUNNING,
        updated_at__lt=timezone.now() - STALE_AFTER,
    )
    stale.update(status=Submission.Status.FAILED, error=Submission.INTERRUPTED)
    dead = list(Submission.objects.filter(
        institution=institution,
        status__in=[Submission.Status.FAILED, Submission.Status.REJECTED],
    ).values_list("pk", flat=True))
    delete_submission_rows(dead)


def delete_submission_rows(submission_ids: list[int]) -> None:
    """Delete the records, codes and counts of these submissions (fast, in SQL)."""
    if not submission_ids:
        return
    marks = ", ".join(["%s"] * len(submission_ids))
    with connection.cursor() as cursor:
        for model in (RecordCode, UnitCountBreakdown, UnitCount, Record):
            cursor.execute(
                f"DELETE FROM {model._meta.db_table} WHERE submission_id IN ({marks})",
                submission_ids
            )


def _finish_failed(submission: Submission, status: str, error: str) -> None:
    delete_submission_rows([submission.pk])
    submission.status = status
    submission.error = error[:2000]
    submission.finished_at = timezone.now()
    submission.save()


def _import(
    submission: Submission, path: Path, params: ImportParameters,
    mapping: Mapping[str, str] | None, encoding: str | None, progress: Progress | None,
) -> None:
    mapping = mapping if mapping is not None else (submission.institution.column_mapping or None)
    extract = open_extract(path, params.layout, encoding=encoding, mapping=mapping)
    stage = _AggregateStage if params.layout.per_unit else _RecordStage
    staged = stage(submission, stored_codes(), extract.columns, params)
    rejections: list[Rejection] = []
    for chunk in extract.chunks():
        valid = staged.validate(chunk)
        submission.rows_read += len(chunk)
        del chunk
        rejections.extend(valid.rejections)
        staged.write(valid.records, rejections)
        Submission.objects.filter(pk=submission.pk).update(
            rows_read=submission.rows_read, updated_at=timezone.now())
        if progress is not None:
            progress(submission.rows_read)
    _report(submission, rejections, staged)
    if strict_rejects(submission):
        delete_submission_rows([submission.pk])
        submission.status = Submission.Status.REJECTED
        submission.rows_imported = 0
        submission.finished_at = timezone.now()
        submission.save()
        return
    _swap(submission, staged)
    staged.queue_for_review()


def strict_rejects(submission: Submission) -> bool:
    return submission.strict and submission.rows_rejected > 0


def _report(submission: Submission, rejections: list[Rejection], staged: _Stage) -> None:
    submission.rows_rejected = len({r.row for r in rejections})
    submission.rows_imported = staged.rows
    submission.addresses_matched = staged.matched
    submission.addresses_unmatched = staged.unmatched
    submission.rejections = [
        {"row": r.row, "column": r.column, "reason": r.reason, "params": r.params}
        for r in sorted(rejections, key=lambda r: r.row)[:MAX_REPORTED]
    ]


def _swap(submission: Submission, staged: _Stage) -> None:
    with transaction.atomic():
        # Serialises two imports of one institution on PostgreSQL; SQLite holds its
        # write lock for the transaction anyway.
        Institution.objects.select_for_update().filter(pk=submission.institution_id).exists()
        active = Submission.objects.active(submission.period, submission.institution_id).exclude(
            pk=submission.pk)
        if active.filter(pk__gt=submission.pk).exists():
            # A newer upload of this institution and period finished first: the newest
            # upload wins, not the slowest import; this one is kept as replaced.
            delete_submission_rows([submission.pk])
            submission.status = Submission.Status.REPLACED
            submission.finished_at = timezone.now()
            submission.save()
            return
        previous = list(active.values_list("pk", flat=True))
        delete_submission_rows(previous)
        Submission.objects.filter(pk__in=previous).update(status=Submission.Status.REPLACED)
        submission.status = Submission.Status.ACTIVE
        submission.finished_at = timezone.now()
        submission.save()
        staged.count()


class _Stage:
    """What is particular to one kind of layout: how its rows are checked, stored and
    counted; `_import` owns reading, progress, the report and the swap."""

    rows = 0
    matched = 0
    unmatched = 0

    def __init__(self, submission: Submission, codes: StoredCodes, columns: Mapping[str, str],
                 params: ImportParameters) -> None:
        self.submission = submission
        self.codes = codes
        self.columns = columns
        self.params = params

    def validate(self, chunk: pd.DataFrame) -> Validated:
        raise NotImplementedError

    def write(self, records: pd.DataFrame, rejections: list[Rejection]) -> None:
        raise NotImplementedError

    def count(self) -> None:
        raise NotImplementedError

    def queue_for_review(self) -> None:
        return None


class _RecordStage(_Stage):
    """Person-level rows: pseudonymised, geocoded and written as records and codes."""

    def __init__(self, submission: Submission, codes: StoredCodes, columns: Mapping[str, str],
                 params: ImportParameters) -> None:
        super().__init__(submission, codes, columns, params)
        self.key = pseudonym_key()
        self.geocodes = _Geocodes(available=AddressPoint.objects.active().exists())
        self.code_lists = list(params.layout.code_fields.values())
        self.tally = Tally()

    def validate(self, chunk: pd.DataFrame) -> Validated:
        return validate_records(chunk, self.params.layout, self.codes.book, self.params.period,
                                self.columns)

    def write(self, records: pd.DataFrame, rejections: list[Rejection]) -> None:
        if records.empty:
            return
        status, points = self._geocode(records)
        people = pseudonymise_records(records, self.key, self.submission.institution.code)
        del records
        n = len(people)
        persons = people["person"].to_numpy(dtype=object)
        families = (people["family"].to_numpy(dtype=object) if "family" in people
                    else np.full(n, None, dtype=object))
        sexes, bands = _known(people["sex"]), _known(people["age_band"])
        s = self.submission
        write_rows(Record._meta.db_table, _RECORD_COLUMNS, list(zip(
            repeat(s.pk, n), repeat(s.institution_id, n), repeat(s.period, n),
            people["row"].tolist(), persons.tolist(), families.tolist(), points, status,
            sexes.tolist(), bands.tolist(),
        )))
        self.tally.points.append(np.array([-1 if p is None else p for p in points], dtype=np.int64))
        self.tally.persons.append(persons)
        self.tally.families.append(families)
        self.tally.sexes.append(sexes)
        self.tally.bands.append(bands)
        self._write_codes(people)
        self.rows += n
        unmatched = points.count(None)
        self.matched += n - unmatched
        self.unmatched += unmatched

    def _geocode(self, records: pd.DataFrame) -> tuple[list[str], list[int | None]]:
        texts = _address_texts(records)
        localities = records["locality"].to_numpy(dtype=object)
        keys = texts + "\x1f" + localities
        inverse, uniques = pd.factorize(keys)
        known = self.geocodes.known
        new = [i for i, k in enumerate(uniques) if k not in known]
        if new:
            first = np.zeros(len(uniques), dtype=np.int64)
            first[inverse[::-1]] = np.arange(len(inverse))[::-1]
            answers = self._ask([texts[first[i]] for i in new], [localities[first[i]] for i in new])
            for i, answer in zip(new, answers):
                known[uniques[i]] = answer
        found = [known[k] for k in uniques]
        return [found[i][0] for i in inverse], [found[i][1] for i in inverse]

    def _ask(self, texts: list[str], localities: list[str]) -> list[tuple[str, int | None]]:
        if not self.geocodes.available:
            answers: list[tuple[str, int | None]] = [("unmatched", None)] * len(texts)
        else:
            from kooperacja.addresses.services.geocoding import geocode

            answers = [(g.status, g.point_id if g.status == "matched" else None)
                       for g in geocode(texts, localities)]
        for text, locality, (status, _) in zip(texts, localities, answers):
            if status != "matched":
                self.geocodes.to_review.append((text, locality, status))
        return answers

    def _write_codes(self, people: pd.DataFrame) -> None:
        ids = self._record_ids(people["row"])
        pk, code_ids = self.submission.pk, self.codes.code_ids
        rows: list[tuple[int, int, int, int]] = []
        for code_list in self.code_lists:
            exploded = people[code_list].explode().dropna()
            list_id = self.codes.list_ids[code_list]
            at = people.index.get_indexer(exploded.index)
            record_ids = ids.loc[people["row"].to_numpy()[at]].tolist()
            codes = [code_ids[code_list, c] for c in exploded.tolist()]
            rows += zip(repeat(pk), record_ids, repeat(list_id), codes)
            self.tally.code_records.append(at + self.rows)
            self.tally.code_lists.append(np.full(len(codes), list_id, dtype=np.int64))
            self.tally.codes.append(np.array(codes, dtype=np.int64))
        write_rows(RecordCode._meta.db_table,
                   ("submission_id", "record_id", "code_list_id", "code_id"), rows)

    def _record_ids(self, rows: pd.Series) -> pd.Series:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT row, id FROM {Record._meta.db_table} "
                f"WHERE submission_id = %s AND row BETWEEN %s AND %s",
                [self.submission.pk, int(rows.min()), int(rows.max())],
            )
            found = cursor.fetchall()
        return pd.Series([i for _, i in found], index=[r for r, _ in found])

    def count(self) -> None:
        write_counts(self.submission, self.tally)

    def queue_for_review(self) -> None:
        if not self.geocodes.to_review:
            return
        from kooperacja.addresses.services.review import queue_for_review

        texts, localities, statuses = zip(*self.geocodes.to_review)
        queue_for_review(list(texts), list(localities), list(statuses))


def _known(values: pd.Series) -> np.ndarray:
    """The values, with None for not known (pandas may have made it NaN on the way)."""
    out = values.to_numpy(dtype=object).copy()
    out[pd.isna(out)] = None
    return out


def _address_texts(records: pd.DataFrame) -> np.ndarray:
    """The address as one line: the Adres column, or street, building and flat."""
    parts = (records["street"] + " " + records["building"]).str.strip()
    parts = parts.where(records["flat"] == "", parts + "/" + records["flat"])
    whole = records["address"].to_numpy(dtype=object)
    return np.where(whole != "", whole, parts.to_numpy(dtype=object))


class _AggregateStage(_Stage):
    """Counts per unit code and code, written straight as counts of the submission."""

    def __init__(self, submission: Submission, codes: StoredCodes, columns: Mapping[str, str],
                 params: ImportParameters) -> None:
        super().__init__(submission, codes, columns, params)
        self.unit_column = columns.get("unit_code", "unit_code")
        self.units = UnitCodes(params.level)
        self.counts: dict[tuple[int, int, int], int] = {}
        self.first_row: dict[tuple[int, int, int], int] = {}

    def validate(self, chunk: pd.DataFrame) -> Validated:
        return validate_aggregate(chunk, self.codes.book, self.params.period, columns=self.columns)

    def write(self, records: pd.DataFrame, rejections: list[Rejection]) -> None:
        for row, unit_code, code_list, code, count in records[
            ["row", "unit_code", "code_list", "code", "count"]
        ].itertuples(index=False):
            unit = self.units.find(unit_code, row=int(row), field=self.unit_column)
            if unit is None:
                rejections.append(Rejection(int(row), self.unit_column, "unit_unknown", {}))
                continue
            key = (unit.pk, unit.level_id, self.codes.code_ids[code_list, code])
            if key in self.counts:
                # As import-aggregates: a pair given twice is a mistake, not a sum.
                rejections.append(Rejection(int(row), self.unit_column, "unit_code_repeated",
                                            {"first": self.first_row[key]}))
                continue
            self.counts[key], self.first_row[key] = int(count), int(row)
            self.rows += 1

    def count(self) -> None:
        s = self.submission
        UnitCount.objects.filter(institution_id=s.institution_id, period=s.period).delete()
        UnitCountBreakdown.objects.filter(institution_id=s.institution_id,
                                          period=s.period).delete()
        code_lists = {pk: self.codes.list_ids[name]
                      for (name, _), pk in self.codes.code_ids.items()}
        UnitCount.objects.bulk_create([
            UnitCount(unit_id=unit, level_id=level, institution_id=s.institution_id,
                      submission=s, period=s.period, code_list_id=code_lists[code],
                      code_id=code, persons=persons)
            for (unit, level, code), persons in self.counts.items()
        ], batch_size=1000)
