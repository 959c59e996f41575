"""Offers in the administration panel, for their institution's partners and
administrators; the duplicate warnings shown above the list and on each offer.
Applicants are not here: their data are read on the recruitment pages only, audited."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kooperacja.policy import Action, scoped
from kooperacja.policy.admin import PolicyAdmin, PolicyInline
from kooperacja.records.models import Institution
from kooperacja.training.models import Offer, Session
from kooperacja.training.services.offers import duplicates, duplicates_of, place


class SessionInline(PolicyInline, admin.StackedInline):  # type: ignore[type-arg]
    model = Session
    extra = 1


@admin.register(Offer)
class OfferAdmin(PolicyAdmin):
    access_action = Action.MANAGE_OFFERS
    institution_field = "institution_id"

    list_display = ["title", "institution", "instrument_type", "scope", "starts_on", "ends_on",
                    "area", "capacity", "recruiting"]
    list_filter = ["institution", "instrument_type", "recruiting"]
    search_fields = ["title", "scope"]
    readonly_fields = ["units", "source_id", "created_at", "duplicate_warning"]
    inlines = [SessionInline]

    @admin.display(description=gettext_lazy("duplicates"))
    def duplicate_warning(self, obj: Offer) -> str:
        others = duplicates_of(obj) if obj.pk else []
        return "; ".join(f"{o.institution.code}: {o.title} ({o.starts_on})" for o in others) or "—"

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "institution":  # one's own institutions only
            kwargs["queryset"] = scoped(Institution.objects.all(), request.user,
                                        Action.MANAGE_OFFERS, institution="pk")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: Offer, form: Any, change: bool) -> None:
        if change and {"address", "locality", "lon", "lat"} & set(form.changed_data):
            obj.units = {}
            if not {"lon", "lat"} & set(form.changed_data):
                obj.lon = obj.lat = None
        place(obj)
        super().save_model(request, obj, form, change)

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None
                        ) -> HttpResponse:
        for group in duplicates():
            messages.warning(request, _(
                "Possible duplicate: %(institutions)s plan %(type)s \"%(scope)s\" in %(quarter)s, "
                "area %(area)s.") % {"institutions": ", ".join(group.institutions),
                                     "type": group.instrument_type, "scope": group.scope,
                                     "quarter": group.quarter, "area": group.area})
        return super().changelist_view(request, extra_context)
