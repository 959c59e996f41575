"""The check before referral: did another institution already give this client help of
this instrument type, in a period that ends on or after a date? (docs/referrals.md)

A PESEL lives only in the caller's memory: it is checked (python-stdnum, through the
core's ``pesel.check``), turned into the keyed pseudonym the importer gives the same
person (``core/submissions/pseudonym.py``), and dropped. Neither the PESEL nor the
pseudonym is stored, logged or audited; the audit log gets who, when, on which legal
basis, for which institution and instrument type, and how many answers of each kind.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from kooperacja import policy
from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.core.submissions.pesel import check as check_pesel
from kooperacja.core.submissions.pseudonym import persons_from_pesel
from kooperacja.operations.services.keys import pseudonym_key
from kooperacja.records.models import AuditEvent, Code, Institution, RecordCode, Submission
from kooperacja.records.services.audit import record_event

Answer = Literal["yes", "no", "invalid"]
Progress = Callable[[int], object]
YES: Answer = "yes"
NO: Answer = "no"
INVALID: Answer = "invalid"
ANSWERS: tuple[Answer, ...] = (YES, NO, INVALID)

# The legal bases a worker may give: a data-sharing agreement between the institutions, or
# the client's consent. Stored in the audit log as these words.
BASES = ("agreement", "consent")
# What the audit log files a check under (object type), and a refused attempt.
AUDIT_OBJECT = "client_check"
CHECKED, DENIED = "record_read", "denied"
# The kinds of institution whose workers refer clients (issue 19: MOPS and PUP).
ASKING_KINDS = (Institution.Kind.MOPS, Institution.Kind.PUP)
# Lines per query: one query for a page's or the API's batch; a file of many thousands of
# lines is asked in slices whose pseudonyms every database takes as query parameters.
SLICE = 5000
DEFAULT_MONTHS = 12


class CheckRefused(UserError):
    """A check that may not run: no basis, an unknown instrument type, a wrong institution."""


class TooManyChecks(UserError):
    """The person's checks of the last hour would pass ``KOOPERACJA_CLIENT_CHECKS_PER_HOUR``."""

    def __init__(self, limit: int, used: int) -> None:
        super().__init__(None, N_(
            "You may check at most %(limit)s clients an hour; %(used)s were checked in the last "
            "hour. Try again later."), {"limit": limit, "used": used})
        self.retry_after = 3600


@dataclass(frozen=True)
class Help:
    """Help of the asked type another institution gave in one period."""

    institution: str  # the institution's code
    period: str  # as submitted: 2025, 2025-H1, 2025-Q3, 2025-03
    period_end: dt.date


@dataclass(frozen=True)
class LineAnswer:
    """The answer for one input line (1-based), never with the PESEL it was about."""

    line: int
    answer: Answer
    found: tuple[Help, ...] = ()
    problem: str = ""  # why a PESEL was refused: core.submissions.pesel.Problem's value

    @property
    def institutions(self) -> list[str]:
        """The institutions, aligned with :attr:`periods` (most recent period first)."""
        return [h.institution for h in self.found]

    @property
    def periods(self) -> list[str]:
        return [h.period for h in self.found]


@dataclass(frozen=True)
class CheckResult:
    institution: str
    instrument_type: str
    since: dt.date
    basis: str
    answers: list[LineAnswer] = field(default_factory=list)

    def count(self, answer: Answer) -> int:
        return sum(1 for a in self.answers if a.answer == answer)


def default_since(today: dt.date | None = None) -> dt.date:
    """Twelve months back from ``today``: the default start of the window."""
    today = today or timezone.localdate()
    year, month = divmod(today.year * 12 + today.month - 1 - DEFAULT_MONTHS, 12)
    month += 1
    return dt.date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


def instrument_types() -> list[tuple[str, str, str]]:
    """(code, Polish label, English label) of the instrument types, in the list's order."""
    return list(Code.objects.filter(code_list__code="instrument_type").order_by("id")
                .values_list("code", "label_pl", "label_en"))


def asking_institutions(user: Any) -> list[Institution]:
    """The institutions (MOPS, PUP) for which ``user`` may check clients; every one of those
    kinds for the installation's administrator."""
    found = Institution.objects.filter(kind__in=ASKING_KINDS).order_by("code")
    return list(policy.scoped(found, user, policy.Action.CHECK_CLIENT, institution="pk"))


def check_clients(
    asking_institution: Institution,
    instrument_type: str,
    since: dt.date | None,
    pesels: Sequence[str],
    user: Any | None,
    basis: str,
    *,
    channel: str = "web",
    progress: Progress | None = None,
) -> CheckResult:
    """Answer for each PESEL whether an institution other than ``asking_institution`` gave
    the person help of ``instrument_type`` in an active submission whose period ends on or
    after ``since`` (twelve months back when None).

    ``user`` None is the command line (its operator holds the data directory: no policy
    check and no rate limit); a person needs the CHECK_CLIENT action for
    ``asking_institution`` (else PermissionDenied, audited) and stays within the hourly
    limit (else :class:`TooManyChecks`, audited). Every check is audited, the PESELs never.
    ``progress`` is told the lines answered so far.
    """
    if user is not None and not policy.allows(user, policy.Action.CHECK_CLIENT,
                                              institution=asking_institution.pk):
        record_refusal(user, asking_institution, basis, "permission", channel)
        raise PermissionDenied("the check before referral needs the check_client action")
    if basis not in BASES:
        raise CheckRefused(None, N_("Give the legal basis of the check: agreement or consent."))
    if asking_institution.kind not in ASKING_KINDS:
        raise CheckRefused(None, N_(
            "%(institution)s is neither a social assistance centre nor a labour office: only "
            "their workers check clients before referral."),
            {"institution": asking_institution.code})
    if instrument_type not in {c for c, _pl, _en in instrument_types()}:
        raise CheckRefused(None, N_(
            "There is no instrument type %(type)s; the types are: %(types)s."),
            {"type": instrument_type, "types": ", ".join(c for c, _pl, _en in instrument_types())})
    since = since or default_since()
    if user is not None:
        _within_limit(user, asking_institution, basis, len(pesels), channel)
    answers = _answer(asking_institution, instrument_type, since, pesels, progress)
    result = CheckResult(asking_institution.code, instrument_type, since, basis, answers)
    record_event(user, CHECKED, AUDIT_OBJECT, {
        "institution": asking_institution.code, "instrument_type": instrument_type,
        "since": since.isoformat(), "basis": basis, "channel": channel,
        "checked": len(answers), **{a: result.count(a) for a in ANSWERS},
    }, object_id=asking_institution.code)
    return result


def _answer(asking: Institution, instrument_type: str, since: dt.date,
            pesels: Sequence[str], progress: Progress | None) -> list[LineAnswer]:
    """The answers, :data:`SLICE` lines at a time: each slice's PESELs are checked, turned
    into pseudonyms and looked up in one query."""
    key = pseudonym_key()
    answers: list[LineAnswer] = []
    for start in range(0, len(pesels), SLICE):
        valid: dict[int, str] = {}
        problems: dict[int, str] = {}
        for line, text in enumerate(pesels[start:start + SLICE], start=start + 1):
            checked = check_pesel(text.strip())
            if checked.valid and checked.number is not None:
                valid[line] = checked.number
            else:
                problems[line] = checked.problem.value if checked.problem else "pesel_format"
        person_of = dict(zip(valid, persons_from_pesel(key, valid.values()), strict=True))
        found = _help_elsewhere(asking, instrument_type, since, set(person_of.values()))
        for line in range(start + 1, min(start + SLICE, len(pesels)) + 1):
            if line in problems:
                answers.append(LineAnswer(line, INVALID, problem=problems[line]))
            else:
                helped = found.get(person_of[line], [])
                answers.append(LineAnswer(line, YES if helped else NO, tuple(helped)))
        if progress is not None:
            progress(len(answers))
    return answers


def _help_elsewhere(asking: Institution, instrument_type: str, since: dt.date,
                    persons: set[str]) -> dict[str, list[Help]]:
    """Per pseudonym, the help of ``instrument_type`` other institutions' active submissions
    record in periods ending on or after ``since``, most recent first: one query."""
    if not persons:
        return {}
    submissions = (Submission.objects.active().exclude(institution=asking)
                   .filter(period_end__gte=since))
    rows = (RecordCode.objects
            .filter(submission__in=submissions, code__instrument_type__code=instrument_type,
                    record__person__in=sorted(persons))
            .values_list("record__person", "submission__institution__code",
                         "submission__period", "submission__period_end")
            .distinct())
    found: dict[str, set[tuple[str, str, dt.date]]] = {}
    for person, institution, period, end in rows:
        found.setdefault(person, set()).add((institution, period, end))
    return {person: [Help(i, p, e) for i, p, e in sorted(hits, key=lambda h: (-h[2].toordinal(),
                                                                                h[0]))]
            for person, hits in found.items()}


def checks_in_last_hour(user: Any) -> int:
    """Clients ``user`` checked in the last hour (from the audit log)."""
    since = timezone.now() - dt.timedelta(hours=1)
    events = AuditEvent.objects.filter(user=user, action=CHECKED, object_type=AUDIT_OBJECT,
                                       at__gte=since)
    # The count sits in the event's detail; an hour holds few events, summed here.
    return sum(int((d or {}).get("checked", 0)) for d in events.values_list("detail", flat=True))


def _within_limit(user: Any, asking: Institution, basis: str, wanted: int,
                  channel: str) -> None:
    limit = int(settings.KOOPERACJA_CLIENT_CHECKS_PER_HOUR)
    used = checks_in_last_hour(user)
    if used + wanted > limit:
        record_refusal(user, asking, basis, "rate_limit", channel)
        raise TooManyChecks(limit, used)


def record_refusal(user: Any, asking: Institution | None, basis: str, reason: str,
                   channel: str) -> None:
    """Audit an attempt refused for ``reason`` (``permission``, ``rate_limit``)."""
    code = asking.code if asking is not None else ""
    record_event(user, DENIED, AUDIT_OBJECT, {
        "institution": code, "basis": basis if basis in BASES else "",
        "reason": reason, "channel": channel}, object_id=code)


def summary(result: CheckResult) -> dict[str, int]:
    """How many answers of each kind a check gave."""
    return {a: result.count(a) for a in ANSWERS}


def audited_checks(since: dt.datetime) -> Iterable[AuditEvent]:
    """The audit log's checks (and refused attempts) since ``since``, oldest first."""
    return (AuditEvent.objects.filter(object_type=AUDIT_OBJECT, at__gte=since,
                                      action__in=(CHECKED, DENIED))
            .order_by("at", "id"))

