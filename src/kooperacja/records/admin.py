from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

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
    fields = ("code", "label_pl", "label_en", "aliases", "valid_from", "valid_to",
              "instrument_type")


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
    list_display = ("at", "actor", "action", "object_type", "object_id")
    list_filter = ("action", "object_type")
    search_fields = ("actor", "object_id")
