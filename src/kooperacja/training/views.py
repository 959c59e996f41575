"""The shared offer (public), its application form (public), recruitment and results
(the organising institution's staff)."""

from __future__ import annotations

import datetime
import json
import re
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kooperacja import policy
from kooperacja.core.errors import UserError
from kooperacja.messages import user_message
from kooperacja.records.models import Code, Institution
from kooperacja.records.services.exports import Export, csv_download, write_export
from kooperacja.security.throttling import ClientRateThrottle
from kooperacja.training.forms import HONEYPOT, ApplicationForm, FinishForm, QualifyForm
from kooperacja.training.models import AgeBand, Applicant, Offer, Session, Sex
from kooperacja.training.services import recruitment
from kooperacja.training.services.offers import (
    Filters,
    duplicates,
    duplicates_of,
    month_calendar,
    search,
    to_geojson,
)
from kooperacja.training.services.results import (
    participants_export,
    results,
    results_export,
)

MONTH = re.compile(r"(\d{4})-(\d{2})")
Status = Applicant.Status


def _is_staff(request: HttpRequest) -> bool:
    return (policy.allows(request.user, policy.Action.MANAGE_OFFERS)
            or policy.allows(request.user, policy.Action.RECRUIT))


def _map_config() -> dict[str, object]:
    return {"tileUrl": settings.KOOPERACJA_TILE_URL,
            "tileAttribution": settings.KOOPERACJA_TILE_ATTRIBUTION,
            "detailUrl": reverse("training:offer", args=[0]),
            "text": {"loadError": _("The map data could not be loaded. Try again later.")}}


@policy.public
def offers(request: HttpRequest) -> HttpResponse:
    """The joint list of every institution's offers, with filters, a month calendar, a
    map, and (for institutions' staff) the duplicate warnings."""
    filters = Filters.from_query(request.GET)
    found = search(filters)
    today = timezone.localdate()
    month = MONTH.fullmatch(request.GET.get("month", ""))
    year, number = (int(month[1]), int(month[2])) if (
        month and 1 <= int(month[2]) <= 12 and 1900 <= int(month[1]) <= 2200
    ) else (today.year, today.month)
    first = datetime.date(year, number, 1)
    previous = (first - datetime.timedelta(days=1)).strftime("%Y-%m")
    following = (first + datetime.timedelta(days=31)).strftime("%Y-%m")
    query = request.GET.copy()
    query.pop("month", None)
    quarters = sorted({o.quarter for o in Offer.objects.filter(is_public=True)})
    return render(request, "training/offers.html", {
        "filters": filters, "offers": found, "month": first, "previous": previous,
        "following": following, "weeks": month_calendar(year, number, found),
        "query": query.urlencode(),
        "institutions": Institution.objects.filter(offers__is_public=True).distinct(),
        "types": Code.objects.filter(code_list__code="instrument_type"),
        "quarters": quarters,
        "areas": sorted(set(Offer.objects.exclude(area="").values_list("area", flat=True))),
        "duplicates": duplicates(found) if _is_staff(request) else None,
        "may_manage": policy.allows(request.user, policy.Action.MANAGE_OFFERS),
        "may_recruit": policy.allows(request.user, policy.Action.RECRUIT),
        "map_config": _map_config(), "geojson_query": request.GET.urlencode(),
        "weekdays": [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")],
    })


@policy.public
def offers_geojson(request: HttpRequest) -> HttpResponse:
    body = json.dumps(to_geojson(search(Filters.from_query(request.GET))), ensure_ascii=False)
    return HttpResponse(body, content_type="application/geo+json")


def _public_offer(pk: int) -> Offer:
    return get_object_or_404(Offer.objects.select_related("institution", "instrument_type"),
                             pk=pk, is_public=True)


@policy.public
def offer(request: HttpRequest, offer: int) -> HttpResponse:
    found = _public_offer(offer)
    mine = policy.allows(request.user, policy.Action.RECRUIT, institution=found.institution_id)
    return render(request, "training/offer.html", {
        "offer": found, "mine": mine,
        "duplicates": duplicates_of(found) if _is_staff(request) else None,
        "map_config": _map_config(),
        "point": {"lon": found.lon, "lat": found.lat, "name": found.title}
        if found.located else None,
    })


APPLY_THROTTLE = ClientRateThrottle("apply")


@require_http_methods(["GET", "POST"])
@policy.public
def apply(request: HttpRequest, offer: int) -> HttpResponse:
    """The public application form. Whoever sends it sees the same thanks, whether they
    applied before or not; a bot that fills the hidden field is thanked and forgotten."""
    found = _public_offer(offer)
    if not found.recruiting:
        return render(request, "training/apply.html", {"offer": found, "closed": True})
    form = ApplicationForm(found, request.POST or None)
    if request.method == "POST":
        if not APPLY_THROTTLE.allow_request(request):
            return render(request, "training/apply.html",
                          {"offer": found, "form": form, "throttled": True}, status=429)
        if request.POST.get(HONEYPOT):
            return render(request, "training/applied.html", {"offer": found})
        if form.is_valid():
            data = form.cleaned_data
            birth_year = data.get("birth_year")
            band = (recruitment.age_band(birth_year) if birth_year is not None
                    else data["age_band"])
            recruitment.apply(found, recruitment.Application(
                name=data["name"], email=data.get("email", ""), phone=data.get("phone", ""),
                sex=data["sex"], age_band=band, labour_status=data["labour_status"],
                education=data["education"], disability=bool(data.get("disability")),
                birth_year=birth_year, answers=form.answers()), request.user)
            return render(request, "training/applied.html", {"offer": found})
    return render(request, "training/apply.html", {"offer": found, "form": form})


def _own_offer(request: HttpRequest, pk: int) -> Offer:
    found = get_object_or_404(Offer.objects.select_related("institution", "instrument_type"),
                              pk=pk)
    recruitment.authorise(request.user, found)
    return found


@require_http_methods(["GET", "POST"])
@policy.requires(policy.Action.RECRUIT)
def recruitment_page(request: HttpRequest, offer: int) -> HttpResponse:
    """The applicants of one offer, the selection, the reserve list and attendance."""
    found = _own_offer(request, offer)
    if request.method == "POST":
        try:
            if request.POST.get("do") == "select":
                chosen = recruitment.select(found, request.user)
                messages.success(request, _("Selected: %(selected)d; on the reserve list: "
                                            "%(reserve)d.") % {"selected": len(chosen.selected),
                                                               "reserve": len(chosen.reserve)})
            elif request.POST.get("do") == "recruiting":
                recruitment.open_recruitment(found, request.user,
                                             opened=request.POST.get("open") == "yes")
            elif request.POST.get("do") == "attendance":
                session = get_object_or_404(Session, pk=request.POST.get("session") or 0,
                                            offer=found)
                present = {int(v) for v in request.POST.getlist("present") if v.isdigit()}
                recruitment.record_attendance(session, present, request.user)
                messages.success(request, _("Attendance saved."))
        except UserError as exc:
            messages.error(request, user_message(exc))
        return redirect("training:recruitment", offer=found.pk)
    people = recruitment.applicant_list(found, request.user)
    participants = [p for p in people if p.applicant.status == Status.SELECTED]
    attended = {(a.session_id, a.applicant_id) for s in found.sessions.all()
               for a in s.attendance.filter(present=True)}
    sessions = [(s, [(p, (s.pk, p.applicant.pk) in attended) for p in participants])
                for s in found.sessions.all()]
    return render(request, "training/recruitment.html", {
        "offer": found, "people": people, "free": recruitment.free_places(found),
        "reserve": sorted((p for p in people if p.reserve_position),
                          key=lambda p: p.reserve_position or 0),
        "sessions": sessions,
    })


@require_http_methods(["GET", "POST"])
@policy.requires(policy.Action.RECRUIT)
def applicant(request: HttpRequest, offer: int, applicant: int) -> HttpResponse:
    """One applicant: the criteria verified with notes, the decision and score, the start,
    a resignation, the end and the outcome."""
    found = _own_offer(request, offer)
    person = get_object_or_404(Applicant, pk=applicant, offer=found)
    if request.method == "POST":
        action = request.POST.get("do", "")
        try:
            if action == "verify":
                for code in found.criterion_codes:
                    choice = request.POST.get(f"met_{code}", "")
                    if choice in ("yes", "no"):
                        recruitment.verify(person, code, choice == "yes",
                                           request.POST.get(f"note_{code}", "")[:500],
                                           request.user)
            elif action == "qualify":
                form = QualifyForm(request.POST)
                if form.is_valid():
                    recruitment.qualify(person, request.user,
                                        qualified=form.cleaned_data["qualified"],
                                        score=form.cleaned_data["score"])
            elif action == "start":
                recruitment.start(person, timezone.localdate(), request.user)
            elif action in ("resigned", "not_started"):
                promoted = recruitment.withdraw(person, request.user, status=action)
                if promoted is not None:
                    messages.success(request, _("Application %(number)s moved up from the "
                                                "reserve list and was notified.")
                                     % {"number": promoted.pk})
            elif action == "finish":
                finish = FinishForm(request.POST)
                if finish.is_valid():
                    recruitment.finish(person, request.user,
                                       completed=finish.cleaned_data["completed"],
                                       day=finish.cleaned_data["day"],
                                       outcome=finish.cleaned_data["outcome"])
        except UserError as exc:
            messages.error(request, user_message(exc))
        return redirect("training:applicant", offer=found.pk, applicant=person.pk)
    view = recruitment.applicant_detail(person, request.user)
    criteria = [(c.get("code", ""), c.get("label", ""), view.answers.get(c.get("code", "")),
                 view.checks.get(c.get("code", ""))) for c in found.criteria]
    return render(request, "training/applicant.html", {
        "offer": found, "person": view, "criteria": criteria,
        "qualify": QualifyForm(initial={"score": person.score}),
        "finish": FinishForm(initial={"day": timezone.localdate()}),
    })


def _table(request: HttpRequest, offers_qs: QuerySet[Offer]) -> dict[str, object]:
    computed = results(offers_qs)
    bands = AgeBand.choices
    return {"results": computed, "bands": bands, "sexes": Sex.choices,
            "stage_names": {"applied": _("applied"), "qualified": _("qualified"),
                            "started": _("started"), "completed": _("completed"),
                            "outcome": _("employed or in education within 3 months")}}


@policy.requires(policy.Action.RECRUIT)
def offer_results(request: HttpRequest, offer: int) -> HttpResponse:
    found = _own_offer(request, offer)
    return render(request, "training/results.html", {
        "offer": found, **_table(request, Offer.objects.filter(pk=found.pk))})


def _mine(request: HttpRequest) -> QuerySet[Offer]:
    return policy.scoped(Offer.objects.all(), request.user, policy.Action.RECRUIT,
                         institution="institution_id")


@policy.requires(policy.Action.RECRUIT)
def all_results(request: HttpRequest) -> HttpResponse:
    """Every offer of the institutions the person recruits for, summed."""
    mine = _mine(request).select_related("institution")
    return render(request, "training/results.html", {
        "offer": None, "offers": mine, **_table(request, mine)})


def _download(export: Export, request: HttpRequest, fmt: str, name: str) -> HttpResponse:
    if fmt == "csv":
        body, provenance = csv_download(export, request.user)
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
        response["X-Provenance"] = provenance.encode("ascii", "backslashreplace").decode("ascii")
    elif fmt == "xlsx":
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"{name}.xlsx"
            write_export(path, export, request.user, formats=(".xlsx",))
            response = HttpResponse(path.read_bytes(), content_type=(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@policy.requires(policy.Action.RECRUIT)
def results_download(request: HttpRequest, offer: int, fmt: str) -> HttpResponse:
    found = _own_offer(request, offer)
    computed = results(Offer.objects.filter(pk=found.pk))
    return _download(results_export(computed, {"institution": found.institution.code}),
                     request, fmt, f"wyniki-{found.pk}")


@policy.requires(policy.Action.RECRUIT)
def all_results_download(request: HttpRequest, fmt: str) -> HttpResponse:
    return _download(results_export(results(_mine(request)), {}), request, fmt, "wyniki")


@policy.requires(policy.Action.RECRUIT)
def participants_download(request: HttpRequest, offer: int, fmt: str) -> HttpResponse:
    """The ESF participant list of one offer (no names), for its institution's staff."""
    found = _own_offer(request, offer)
    return _download(participants_export(Offer.objects.filter(pk=found.pk)), request, fmt,
                     f"uczestnicy-efs-{found.pk}")


@policy.requires(policy.Action.RECRUIT)
def all_participants_download(request: HttpRequest, fmt: str) -> HttpResponse:
    """The ESF participant list of every offer of the person's institutions."""
    return _download(participants_export(_mine(request)), request, fmt, "uczestnicy-efs")
