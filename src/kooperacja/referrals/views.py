"""The check before referral's page (/sprawdz/)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kooperacja import policy
from kooperacja.messages import user_message
from kooperacja.policy import Action
from kooperacja.referrals.forms import CheckForm
from kooperacja.referrals.services.checks import (
    YES,
    CheckRefused,
    LineAnswer,
    TooManyChecks,
    check_clients,
)
from kooperacja.referrals.services.planned import planned_offers_elsewhere

# Why a PESEL was refused, by core.submissions.pesel.Problem's value.
PROBLEMS = {
    "pesel_check_digit": gettext_lazy("the check digit is wrong"),
    "pesel_length": gettext_lazy("a PESEL has 11 digits"),
    "pesel_format": gettext_lazy("a PESEL is made of digits only"),
    "pesel_date": gettext_lazy("it holds no real date of birth"),
}


def answer_text(answer: LineAnswer) -> str:
    """"yes (2025-03, PUP; 2024, PUP)", "no", or why the PESEL was refused."""
    if answer.answer == YES:
        found = "; ".join(f"{h.period}, {h.institution}" for h in answer.found)
        return _("yes (%(found)s)") % {"found": found}
    if answer.answer == "no":
        return _("no")
    return _("the PESEL was refused: %(why)s") % {
        "why": PROBLEMS.get(answer.problem, PROBLEMS["pesel_format"])}


@policy.requires(Action.CHECK_CLIENT)
def check(request: HttpRequest) -> HttpResponse:
    """One client's PESEL → whether another institution already gave them help of the type."""
    form = CheckForm(request.POST or None, user=request.user)
    context: dict[str, Any] = {"form": form}
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = check_clients(data["institution"], data["instrument_type"], data["since"],
                                   [data["pesel"]], request.user, data["basis"], channel="web")
        except TooManyChecks as exc:
            context["refusal"], status = user_message(exc), 429
        except CheckRefused as exc:
            context["refusal"], status = user_message(exc), 400
        else:
            label = dict(form.fields["instrument_type"].choices)  # type: ignore[attr-defined]
            context.update(
                result=result, answer=result.answers[0],
                text=answer_text(result.answers[0]),
                type_label=label.get(result.instrument_type, result.instrument_type),
                planned=planned_offers_elsewhere(data["institution"], data["instrument_type"]))
            # The next check starts from an empty PESEL and the same other choices.
            form = CheckForm(initial={k: v for k, v in data.items() if k != "pesel"},
                             user=request.user)
            context["form"] = form
    return render(request, "referrals/check.html", context, status=status)
