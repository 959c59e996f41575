"""Recruitment for one offer: applying, verifying criteria, qualifying, selecting up to
capacity, the reserve list that moves up when a participant resigns, attendance,
completion and outcome. Each change and each read of a list of applicants is audited;
applicants are the organising institution's (policy ``RECRUIT``)."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kooperacja import policy
from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.records.services.audit import record_event
from kooperacja.training.models import (
    AgeBand,
    Applicant,
    Attendance,
    CriterionCheck,
    Offer,
    Outcome,
    Session,
)
from kooperacja.training.services.crypto import contact_key, seal, unseal

log = logging.getLogger(__name__)
Status = Applicant.Status
# Who may still be selected: qualified, or waiting on the reserve list.
SELECTABLE = (Status.QUALIFIED, Status.RESERVE)
LEFT = (Status.RESIGNED, Status.NOT_STARTED)


def age_band(birth_year: int, today: datetime.date | None = None) -> str:
    """The ESF age band of a person born in ``birth_year`` (age reached this year)."""
    age = (today or timezone.localdate()).year - birth_year
    if age < 25:
        return AgeBand.UNDER_25
    return AgeBand.MIDDLE if age <= 54 else AgeBand.OVER_54


@dataclass
class Application:
    """What the public form asks: what the criteria need and no more."""

    name: str
    email: str
    phone: str
    sex: str
    age_band: str
    labour_status: str
    education: str
    disability: bool
    birth_year: int | None = None
    answers: dict[str, bool] = field(default_factory=dict)


def authorise(user: Any, offer: Offer, action: policy.Action = policy.Action.RECRUIT) -> None:
    """PermissionDenied (a 403, audited by the audit middleware) unless ``user`` may take
    ``action`` on ``offer``'s institution."""
    if not policy.allows(user, action, institution=offer.institution_id):
        raise PermissionDenied(_("This offer belongs to another institution."))


def apply(offer: Offer, application: Application, user: Any = None) -> Applicant:
    """Store one application, its personal data sealed for the organising institution.

    A second application from the same contact is stored and marked for staff as
    repeated; the person applying is told the same as anyone else."""
    if not offer.recruiting:
        raise UserError(None, N_("Recruitment for this offer is closed."))
    contact = application.email or application.phone
    key = contact_key(offer.pk, offer.institution_id, contact) if contact else ""
    with transaction.atomic():
        repeated = bool(key) and offer.applicants.filter(contact_key=key).exists()
        applicant = Applicant.objects.create(
            offer=offer, contact_key=key, repeated=repeated, sex=application.sex,
            age_band=application.age_band, labour_status=application.labour_status,
            education=application.education, disability=application.disability,
            sealed=seal(offer.institution_id, {
                "name": application.name, "email": application.email,
                "phone": application.phone, "birth_year": application.birth_year,
                "answers": {c: bool(application.answers.get(c)) for c in offer.criterion_codes},
            }),
        )
        record_event(user, "admin_add", applicant, {"offer": offer.pk, "change": "apply"})
    return applicant


def open_recruitment(offer: Offer, user: Any, *, opened: bool) -> None:
    """Open or close the offer's application form."""
    authorise(user, offer)
    with transaction.atomic():
        offer.recruiting = opened
        offer.save(update_fields=["recruiting"])
        record_event(user, "admin_change", offer, {"change": "recruiting", "open": opened})


@dataclass
class ApplicantView:
    """An applicant as staff of the organising institution see them (data unsealed)."""

    applicant: Applicant
    name: str
    email: str
    phone: str
    birth_year: int | None
    answers: dict[str, bool]
    checks: dict[str, tuple[bool, str]]
    reserve_position: int | None = None


def _view(applicant: Applicant, position: int | None = None) -> ApplicantView:
    institution = applicant.offer.institution_id
    data = unseal(institution, applicant.sealed) or {}
    checks = {c.criterion: (c.met, str(unseal(institution, c.sealed_note) or ""))
              for c in applicant.checks.all()}
    return ApplicantView(applicant, data.get("name", ""), data.get("email", ""),
                         data.get("phone", ""), data.get("birth_year"),
                         data.get("answers", {}), checks, position)


def reserve_list(offer: Offer) -> QuerySet[Applicant]:
    """The reserve list in its order: score (highest first), then who applied first."""
    return offer.applicants.filter(status=Status.RESERVE).order_by(
        F("score").desc(nulls_last=True), "applied_at", "pk")


def applicant_list(offer: Offer, user: Any) -> list[ApplicantView]:
    """Every applicant of ``offer``, unsealed for its institution's staff; audited."""
    authorise(user, offer)
    positions = {a.pk: n for n, a in enumerate(reserve_list(offer), start=1)}
    found = offer.applicants.select_related("offer").prefetch_related("checks").order_by(
        F("score").desc(nulls_last=True), "applied_at", "pk")
    views = [_view(a, positions.get(a.pk)) for a in found]
    record_event(user, "record_read", offer, {"applicants": len(views)})
    return views


def applicant_detail(applicant: Applicant, user: Any) -> ApplicantView:
    authorise(user, applicant.offer)
    position = next((n for n, a in enumerate(reserve_list(applicant.offer), start=1)
                     if a.pk == applicant.pk), None)
    record_event(user, "record_read", applicant, {"offer": applicant.offer_id})
    return _view(applicant, position)


def _change(user: Any, applicant: Applicant, what: str, **detail: Any) -> None:
    record_event(user, "admin_change", applicant,
                 {"offer": applicant.offer_id, "change": what, **detail})


def verify(applicant: Applicant, criterion: str, met: bool, note: str, user: Any) -> None:
    """Staff's verification of one of the offer's criteria, with a note (sealed)."""
    authorise(user, applicant.offer)
    if criterion not in applicant.offer.criterion_codes:
        raise UserError(None, N_("The offer has no criterion %(criterion)s."),
                        {"criterion": criterion})
    with transaction.atomic():
        CriterionCheck.objects.update_or_create(
            applicant=applicant, criterion=criterion,
            defaults={"met": met, "checked_by": user if user.is_authenticated else None,
                      "sealed_note": seal(applicant.offer.institution_id, note) if note else ""})
        _change(user, applicant, "verify", criterion=criterion, met=met)


def qualify(applicant: Applicant, user: Any, *, qualified: bool, score: int | None) -> None:
    """Qualify (with a score) or turn down an applicant not yet selected."""
    authorise(user, applicant.offer)
    applicant.refresh_from_db()
    if applicant.status not in (Status.APPLIED, Status.QUALIFIED, Status.REJECTED,
                                Status.RESERVE):
        raise UserError(None, N_("Only an applicant not yet selected can be qualified."))
    with transaction.atomic():
        applicant.score = score
        if qualified:
            if applicant.status != Status.RESERVE:
                applicant.status = Status.QUALIFIED
        else:
            applicant.status = Status.REJECTED
        applicant.save(update_fields=["score", "status"])
        _change(user, applicant, "qualify", qualified=qualified, score=score)


@dataclass
class Selection:
    selected: list[Applicant]
    reserve: list[Applicant]


def free_places(offer: Offer) -> int:
    return max(0, offer.capacity - offer.applicants.filter(status=Status.SELECTED).count())


def select(offer: Offer, user: Any) -> Selection:
    """Fill the free places with the qualified (and waiting) applicants by score, highest
    first (ties: who applied first); the rest go to the reserve list in the same order."""
    authorise(user, offer)
    with transaction.atomic():
        Offer.objects.select_for_update().filter(pk=offer.pk).first()
        waiting = list(offer.applicants.filter(status__in=SELECTABLE).order_by(
            F("score").desc(nulls_last=True), "applied_at", "pk"))
        places = free_places(offer)
        chosen, reserve = waiting[:places], waiting[places:]
        for applicant in chosen:
            applicant.status = Status.SELECTED
            applicant.save(update_fields=["status"])
        for applicant in reserve:
            applicant.status = Status.RESERVE
            applicant.save(update_fields=["status"])
        record_event(user, "admin_change", offer, {
            "change": "select", "selected": [a.pk for a in chosen],
            "reserve": [a.pk for a in reserve]})
    return Selection(chosen, reserve)


def withdraw(applicant: Applicant, user: Any, *, status: str = Status.RESIGNED
             ) -> Applicant | None:
    """A participant resigned or did not start: the first on the reserve list takes the
    place (and is told by e-mail); the one promoted, if any. One transaction."""
    authorise(user, applicant.offer)
    if status not in LEFT:
        raise UserError(None, N_("A participant leaves by resigning or by not starting."))
    with transaction.atomic():
        Offer.objects.select_for_update().filter(pk=applicant.offer_id).first()
        applicant.refresh_from_db()
        if applicant.status != Status.SELECTED:
            raise UserError(None, N_("Only a selected participant can resign or not start."))
        applicant.status = status
        applicant.ended_on = applicant.ended_on or (
            timezone.localdate() if applicant.started_on else None)
        applicant.save(update_fields=["status", "ended_on"])
        _change(user, applicant, "withdraw", status=status)
        return promote_next(applicant.offer, user)


def promote_next(offer: Offer, user: Any) -> Applicant | None:
    """Move the first on the reserve list to a free place; None when there is no free
    place or nobody waits. Call inside the transaction that freed the place."""
    if free_places(offer) == 0:
        return None
    first = reserve_list(offer).select_for_update().first()
    if first is None:
        return None
    first.status = Status.SELECTED
    first.promoted_at = timezone.now()
    first.save(update_fields=["status", "promoted_at"])
    _change(user, first, "promote")
    email = (unseal(offer.institution_id, first.sealed) or {}).get("email", "")
    if email:
        transaction.on_commit(lambda: _notify(offer, email))
    return first


def _notify(offer: Offer, email: str) -> None:
    """Tell a person moved up from the reserve list (in Polish, the form's language)."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("A place for you: %(title)s") % {"title": offer.title}
        body = _("A place has become free in \"%(title)s\" (%(institution)s), starting on "
                 "%(start)s, and it is yours from the reserve list. The organiser will "
                 "contact you; if you no longer wish to take part, please tell them.") % {
            "title": offer.title, "institution": offer.institution.name,
            "start": offer.starts_on.isoformat()}
    try:
        send_mail(subject, body, None, [email])
    except OSError:
        log.warning("training: the notice to a promoted applicant of offer %s failed", offer.pk)


def start(applicant: Applicant, day: datetime.date, user: Any) -> None:
    authorise(user, applicant.offer)
    applicant.refresh_from_db()
    if applicant.status != Status.SELECTED:
        raise UserError(None, N_("Only a selected participant can start."))
    with transaction.atomic():
        applicant.started_on = day
        applicant.save(update_fields=["started_on"])
        _change(user, applicant, "start", day=day.isoformat())


def finish(applicant: Applicant, user: Any, *, completed: bool, day: datetime.date,
           outcome: str = "") -> None:
    """The end of a participant's course: completed or not, and its outcome (which may
    come later, within 3 months)."""
    authorise(user, applicant.offer)
    applicant.refresh_from_db()
    if applicant.started_on is None:
        raise UserError(None, N_("A participant who did not start cannot finish."))
    if outcome and outcome not in Outcome.values:
        raise UserError(None, N_("Unknown outcome %(outcome)s."), {"outcome": outcome})
    with transaction.atomic():
        applicant.completed, applicant.ended_on, applicant.outcome = completed, day, outcome
        applicant.save(update_fields=["completed", "ended_on", "outcome"])
        _change(user, applicant, "finish", completed=completed, outcome=outcome)


def record_attendance(session: Session, present: set[int], user: Any) -> int:
    """Who of the selected participants was at ``session`` (``present``: applicant ids);
    the number present."""
    authorise(user, session.offer)
    participants = list(session.offer.applicants.filter(status=Status.SELECTED))
    with transaction.atomic():
        for applicant in participants:
            Attendance.objects.update_or_create(session=session, applicant=applicant,
                                                defaults={"present": applicant.pk in present})
        record_event(user, "admin_change", session, {
            "offer": session.offer_id, "change": "attendance",
            "present": sorted(a.pk for a in participants if a.pk in present)})
    return sum(a.pk in present for a in participants)
