"""Cycles and their requests in the panel, for the coordinators of their territories."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from kooperacja.cycles.models import Cycle, DataRequest
from kooperacja.policy import Action
from kooperacja.policy.admin import PolicyAdmin, PolicyInline
from kooperacja.records.services.audit import record_event


class _TerritoryAdmin(PolicyAdmin):
    """Rows of the territories whose cycles the user runs (``territory_field``)."""

    access_action = Action.MANAGE_CYCLE
    territory_field = "territory__code"

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not self._may(request, obj):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        if not change and hasattr(obj, "created_by_id") and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        record_event(request.user, "change" if change else "create", obj,
                     {"fields": sorted(form.changed_data)})


class DataRequestInline(PolicyInline, admin.TabularInline):
    model = DataRequest
    extra = 1
    autocomplete_fields = ()
    fields = ("institution", "layout", "code_list", "period", "due_date", "note")


@admin.register(Cycle)
class CycleAdmin(_TerritoryAdmin):
    list_display = ("name", "territory", "period", "stage", "starts_on", "ends_on")
    list_filter = ("stage", "period")
    search_fields = ("name",)
    raw_id_fields = ("territory",)
    exclude = ("created_by",)
    inlines = [DataRequestInline]
    deletable = False  # a cycle is the history of a diagnosis: it stays


@admin.register(DataRequest)
class DataRequestAdmin(_TerritoryAdmin):
    territory_field = "cycle__territory__code"
    list_display = ("cycle", "institution", "layout", "code_list", "period", "due_date")
    list_filter = ("period", "layout", "institution")
    list_select_related = ("cycle", "institution", "code_list")
