"""The audit log for the data-protection officer: events filtered by date, user and
action, on a page or as CSV (docs/security.md, "Audit")."""

from __future__ import annotations

import datetime as dt
import json

from django import forms
from django.apps import apps
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kooperacja import policy
from kooperacja.policy import Action
from kooperacja.records.models import AuditEvent
from kooperacja.records.services.audit import record_event
from kooperacja.records.services.exports import CONTENT_TYPES, Export, table_bytes, wants_excel

PAGE = 100

# What an event's ``object_type`` names when it is not a model: the audit log stores these
# stable English words (they are hashed into the chain); the viewer shows them translated.
OBJECT_TYPES: dict[str, str] = {
    "session": _("session (sign-in)"),
    "url": _("page address"),
    # Exports, by Export.name (records/services/exports.py and the commands that write them)
    "counts": _("counts per unit (export)"),
    "overlap": _("overlap of institutions (export)"),
    "resources": _("resource directory (export)"),
    "access": _("access to resources (export)"),
    "geocode": _("geocoded addresses (export)"),
    "indicators": _("indicators (export)"),
    "deprivation": _("deprivation index (export)"),
    "hotspots": _("hot spots (export)"),
    "catalogue": _("data catalogue (export)"),
}


def object_type_name(object_type: str) -> str:
    """The translated name of what an event is about: the model's verbose name (models
    are stored by their model name) or one of :data:`OBJECT_TYPES`; else as stored."""
    if object_type in OBJECT_TYPES:
        return str(OBJECT_TYPES[object_type])
    model = _models_by_name().get(object_type)
    return str(model._meta.verbose_name) if model is not None else object_type


def _models_by_name() -> dict[str, type]:
    found: dict[str, type] = {}
    for model in apps.get_models():
        # The project's own models first when two apps share a model name.
        name = model._meta.model_name
        if name not in found or model.__module__.startswith("kooperacja."):
            found[name] = model
    return found


class AuditFilter(forms.Form):
    since = forms.DateField(label=_("from date"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("to date"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
    user = forms.CharField(label=_("user"), required=False, max_length=150)
    action = forms.ChoiceField(label=_("action"), required=False,
                               choices=[("", "—"), *AuditEvent.Action.choices])

    def events(self) -> QuerySet[AuditEvent]:
        found = AuditEvent.objects.all()
        if not self.is_valid():
            return found.none()
        data = self.cleaned_data
        if data["since"]:
            found = found.filter(at__gte=_midnight(data["since"]))
        if data["until"]:
            found = found.filter(at__lt=_midnight(data["until"] + dt.timedelta(days=1)))
        if data["user"]:
            found = found.filter(actor__iexact=data["user"].strip())
        if data["action"]:
            found = found.filter(action=data["action"])
        return found

    def applied(self) -> dict[str, str]:
        return {k: str(v) for k, v in getattr(self, "cleaned_data", {}).items() if v}


def _midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


@policy.requires(Action.VIEW_AUDIT)
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilter(request.GET)
    events = form.events()
    kind = request.GET.get("format")
    if kind in ("csv", "xlsx"):
        excel = kind == "csv" and wants_excel(request.GET)
        detail: dict[str, object] = {"filters": form.applied()}
        if kind != "csv" or excel:
            detail["format"] = "excel" if excel else kind
        record_event(request.user, "export", "auditevent", detail)
        return _download(events, kind, excel)
    page = Paginator(events, PAGE).get_page(request.GET.get("page"))
    for event in page:
        event.object_name = object_type_name(event.object_type)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "records/audit.html", {
        "form": form, "page": page, "query": query.urlencode(),
    })


AUDIT_COLUMNS = ("id", "at", "actor", "action", "object_type", "object_id", "address",
                 "detail", "previous_hash", "hash")


def _download(events: QuerySet[AuditEvent], kind: str, excel: bool) -> HttpResponse:
    """The events through the one export writer (its event recorded by the caller, before
    the events are read, so the download lists itself)."""
    rows = ((e.pk, e.at.isoformat(), e.actor, e.action, e.object_type, e.object_id,
             e.address or "", json.dumps(e.detail, ensure_ascii=False, sort_keys=True),
             e.previous_hash, e.hash)
            for e in events.order_by("id").iterator(chunk_size=2000))
    body, _count = table_bytes(Export("auditevent", AUDIT_COLUMNS, rows, layer="audit"),
                               kind, excel)
    response = HttpResponse(body, content_type=CONTENT_TYPES["." + kind])
    response["Content-Disposition"] = f'attachment; filename="audit.{kind}"'
    return response
