from __future__ import annotations

from functools import update_wrapper
from typing import Any

from django.contrib import admin
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.models import DELETION
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from kooperacja.records.audit_receivers import record_admin_change
from kooperacja.records.models import (
    AuditEvent,
    Code,
    CodeList,
    Institution,
    Membership,
    Submission,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ("user",)


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "territory", "agreement", "retention_months")
    list_filter = ("kind",)
    search_fields = ("code", "name")
    raw_id_fields = ("territory",)
    inlines = (MembershipInline,)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "institution", "role")
    list_filter = ("role", "institution")
    raw_id_fields = ("user",)


class CodeInline(admin.TabularInline):
    model = Code
    fk_name = "code_list"
    extra = 0
    fields = ("code", "label_pl", "label_en", "aliases", "valid_from", "valid_to", "instrument_type")


@admin.register(CodeList)
class CodeListAdmin(admin.ModelAdmin):
    list_display = ("code", "label_pl", "label_en")
    inlines = (CodeInline,)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin):
    """What was sent and how its import went; the records themselves are not shown here."""

    list_display = ("institution", "period", "layout", "status", "rows_imported", "rows_rejected",
                    "created_by", "created_at", "finished_at")
    list_filter = ("status", "layout", "institution", "period")
    exclude = ("upload_path",)


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """Append only: nothing here adds, changes or deletes an event (docs/security.md)."""

    list_display = ("at", "actor", "action", "object_type", "object_id", "address")
    list_filter = ("action", "object_type")
    search_fields = ("actor", "object_id")
    date_hierarchy = "at"
    actions = None


def audited_delete_selected(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Any]
) -> HttpResponse | None:
    """Django's "delete selected" action, recording each object it deletes: with several
    objects Django writes its log entries in bulk, which sends no signal to the audit."""
    confirmed = bool(request.POST.get("post"))
    ids = [str(pk) for pk in queryset.values_list("pk", flat=True)] if confirmed else []
    response = delete_selected(modeladmin, request, queryset)
    if response is None and len(ids) > 1:  # one object went through LogEntry.save
        for pk in ids:
            record_admin_change(request.user, DELETION, modeladmin.model._meta.model_name, pk)
    return response


admin.site.add_action(update_wrapper(audited_delete_selected, delete_selected), "delete_selected")
