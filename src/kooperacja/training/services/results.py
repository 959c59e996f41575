"""Results by sex and age band: applied, qualified, started, completed and a good outcome,
per offer and over several, against the offers' targets; the ESF-style participant list
(no names) for the organising institution's staff."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from kooperacja.records.services.exports import Export
from kooperacja.training.models import (
    OUTCOMES_COUNTED,
    AgeBand,
    Applicant,
    Offer,
    Sex,
)
from kooperacja.training.services.crypto import unseal

Status = Applicant.Status
STAGES = ("applied", "qualified", "started", "completed", "outcome")
# Each stage as a condition on an applicant (qualified: ever, selection included).
CONDITIONS: dict[str, Q] = {
    "applied": Q(),
    "qualified": Q(status__in=[Status.QUALIFIED, Status.SELECTED, Status.RESERVE,
                               Status.RESIGNED, Status.NOT_STARTED]),
    "started": Q(started_on__isnull=False),
    "completed": Q(completed=True),
    "outcome": Q(completed=True, outcome__in=list(OUTCOMES_COUNTED)),
}
RESULT_COLUMNS = ["stage", "total", "women", "men",
                  *[f"{sex}_{band}" for sex in Sex.values for band in AgeBand.values]]


@dataclass
class StageRow:
    stage: str
    total: int
    by_sex: dict[str, int]
    by_sex_and_age: dict[tuple[str, str], int]

    def as_row(self) -> dict[str, Any]:
        row: dict[str, Any] = {"stage": self.stage, "total": self.total,
                               "women": self.by_sex[Sex.WOMAN], "men": self.by_sex[Sex.MAN]}
        for (sex, band), count in self.by_sex_and_age.items():
            row[f"{sex}_{band}"] = count
        return row

    def cells(self) -> list[int]:
        """The counts by sex and age band in the order of :data:`RESULT_COLUMNS`."""
        return [self.by_sex_and_age[(s, b)] for s in Sex.values for b in AgeBand.values]


@dataclass
class Results:
    offers: int
    rows: list[StageRow]
    target_women: int | None
    target_men: int | None
    completed_women: int = 0
    completed_men: int = 0
    offer_ids: list[int] = field(default_factory=list)


def results(offers: QuerySet[Offer]) -> Results:
    """The counts of every stage by sex and age band over ``offers``; the targets summed
    (None when no offer has one)."""
    offer_list = list(offers)
    applicants = Applicant.objects.filter(offer__in=offer_list)
    rows = []
    for stage in STAGES:
        found = applicants.filter(CONDITIONS[stage]).values_list("sex", "age_band")
        by_sex = {s: 0 for s in Sex.values}
        by_both = {(s, b): 0 for s in Sex.values for b in AgeBand.values}
        total = 0
        for sex, band in found:
            total += 1
            by_sex[sex] = by_sex.get(sex, 0) + 1
            by_both[(sex, band)] = by_both.get((sex, band), 0) + 1
        rows.append(StageRow(stage, total, by_sex, by_both))
    completed = rows[STAGES.index("completed")].by_sex

    def summed(values: Iterable[int | None]) -> int | None:
        given = [v for v in values if v is not None]
        return sum(given) if given else None

    return Results(len(offer_list), rows, summed(o.target_women for o in offer_list),
                   summed(o.target_men for o in offer_list), completed[Sex.WOMAN],
                   completed[Sex.MAN], [o.pk for o in offer_list])


def results_export(found: Results, detail: dict[str, Any]) -> Export:
    """The results as a table (counts only), through records' export writer."""
    return Export("training_results", RESULT_COLUMNS, [r.as_row() for r in found.rows],
                  provenance={"offers": found.offer_ids, "target_women": found.target_women,
                              "target_men": found.target_men, **detail},
                  detail={"offers": found.offer_ids, **detail}, layer="results")


ESF_COLUMNS = ["offer", "participant", "sex", "age", "age_band", "labour_status",
               "education", "disability", "started_on", "ended_on", "completed", "outcome"]


def _age(birth_year: int | None, started: datetime.date | None) -> int | None:
    if birth_year is None:
        return None
    return (started or timezone.localdate()).year - int(birth_year)


def participants_export(offers: QuerySet[Offer]) -> Export:
    """Everyone who started, in the layout ESF monitoring asks for; no names or contacts
    (the participant column is the application's number)."""
    rows: list[dict[str, Any]] = []
    for applicant in Applicant.objects.filter(
        offer__in=offers, started_on__isnull=False
    ).select_related("offer").order_by("offer_id", "started_on", "pk"):
        data = unseal(applicant.offer.institution_id, applicant.sealed) or {}
        rows.append({
            "offer": applicant.offer_id, "participant": applicant.pk, "sex": applicant.sex,
            "age": _age(data.get("birth_year"), applicant.started_on),
            "age_band": applicant.age_band, "labour_status": applicant.labour_status,
            "education": applicant.education, "disability": int(applicant.disability),
            "started_on": applicant.started_on.isoformat() if applicant.started_on else None,
            "ended_on": applicant.ended_on.isoformat() if applicant.ended_on else None,
            "completed": int(applicant.completed), "outcome": applicant.outcome,
        })
    ids = sorted({int(r["offer"]) for r in rows})
    return Export("training_participants", ESF_COLUMNS, rows, provenance={"offers": ids},
                  detail={"offers": ids}, layer="participants")
