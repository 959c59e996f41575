from __future__ import annotations

from django.contrib import admin

from kooperacja.imports.models import ColumnMapping, ImportJob
from kooperacja.policy import Action
from kooperacja.policy.admin import PolicyAdmin


@admin.register(ImportJob)
class ImportJobAdmin(PolicyAdmin):
    """The wizard's imports, for the installation's administrator (people use
    /dane/import/); read only, kept as a record of who imported what."""

    access_action = Action.CONFIGURE
    addable = False
    list_display = ("file_name", "kind", "institution", "status", "created_by", "created_at",
                    "finished_at")
    list_filter = ("kind", "status")
    search_fields = ("file_name",)
    readonly_fields = ("kind", "status", "institution", "created_by", "file_name",
                       "upload_path", "detected", "mapping", "dry_run", "allow_retire",
                       "report", "error", "created_at", "finished_at")


@admin.register(ColumnMapping)
class ColumnMappingAdmin(PolicyAdmin):
    """The columns the wizard offers again for a kind and institution."""

    access_action = Action.CONFIGURE
    addable = False
    list_display = ("kind", "institution", "updated_at")
    list_filter = ("kind",)
