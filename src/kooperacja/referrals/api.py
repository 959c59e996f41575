"""The check before referral over the API: a signed-in worker's session (not an
institution's token) checks up to 100 PESELs at once (docs/referrals.md). No answer,
error included, carries a PESEL."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.utils import check_csrf

from kooperacja import policy
from kooperacja.api_errors import errors
from kooperacja.messages import user_message
from kooperacja.policy import Action
from kooperacja.records.models import Institution
from kooperacja.referrals.services.checks import (
    CheckRefused,
    TooManyChecks,
    asking_institutions,
    check_clients,
    record_refusal,
)
from kooperacja.referrals.services.planned import planned_offers_elsewhere

router = Router(tags=["checks"])
MAX_PESELS = 100


class CheckIn(Schema):
    instrument_type: Annotated[str, Field(max_length=40)]
    basis: Literal["agreement", "consent"]
    pesels: Annotated[list[Annotated[str, Field(max_length=20)]],
                      Field(min_length=1, max_length=MAX_PESELS)]
    # The asking institution's code; may be left out by a person who checks for one only.
    institution: Annotated[str, Field(max_length=40)] | None = None
    since: dt.date | None = None


class AnswerOut(Schema):
    line: int  # the PESEL's place in the request's list, from 1
    answer: Literal["yes", "no", "invalid"]
    institutions: list[str]  # aligned with periods, the most recent first
    periods: list[str]
    problem: str  # why a PESEL was refused (pesel_check_digit, …); empty otherwise


class PlannedOut(Schema):
    institution: str
    title: str
    starts: dt.date | None
    url: str


class CheckOut(Schema):
    institution: str
    instrument_type: str
    since: dt.date
    answers: list[AnswerOut]
    planned_elsewhere: list[PlannedOut]


def _asking(request: HttpRequest, code: str | None) -> Institution:
    mine = asking_institutions(request.user)
    if code is None:
        if len(mine) != 1:
            raise HttpError(400, _("Name the asking institution (institution): you may check "
                                   "for several or none."))
        return mine[0]
    # A code no institution can have is not asked of the database (PostgreSQL refuses NUL).
    found = None if "\x00" in code else Institution.objects.filter(code=code).first()
    if found is None:
        raise HttpError(404, _("not found"))
    return found


@router.post("/checks", response={200: CheckOut, **errors(400, 403, 404, 422, 429)},
             summary="Check clients before referral")
@policy.members_api(Action.CHECK_CLIENT)
def check(request: HttpRequest, payload: CheckIn) -> dict[str, Any]:
    """Whether institutions other than the asking one gave each client (by PESEL) help of
    the instrument type in a period ending on or after ``since`` (12 months back by
    default). A signed-in worker with the check_client action; audited, rate limited."""
    if not request.user.is_authenticated:
        raise HttpError(403, _("Sign in first."))
    if check_csrf(request) is not None:
        raise HttpError(403, _("The CSRF token is missing or wrong."))
    if not policy.allows(request.user, Action.CHECK_CLIENT):
        record_refusal(request.user, None, payload.basis, "permission", "api")
        raise HttpError(403, _("You may not do this."))
    asking = _asking(request, payload.institution)
    try:
        result = check_clients(asking, payload.instrument_type, payload.since, payload.pesels,
                               request.user, payload.basis, channel="api")
    except PermissionDenied:
        raise HttpError(403, _("You may not do this.")) from None
    except TooManyChecks as exc:
        raise HttpError(429, user_message(exc)) from None
    except CheckRefused as exc:
        raise HttpError(400, user_message(exc)) from None
    return {
        "institution": result.institution, "instrument_type": result.instrument_type,
        "since": result.since,
        "answers": [{"line": a.line, "answer": a.answer, "institutions": a.institutions,
                     "periods": a.periods, "problem": a.problem} for a in result.answers],
        "planned_elsewhere": [vars(o) for o in planned_offers_elsewhere(
            asking, result.instrument_type)],
    }
