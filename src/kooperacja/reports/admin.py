from __future__ import annotations

from django.contrib import admin

from kooperacja.policy import Action
from kooperacja.policy.admin import PolicyAdmin
from kooperacja.reports.models import SavedReport


@admin.register(SavedReport)
class SavedReportAdmin(PolicyAdmin):
    """Installation administrators see every territory's reports (and may delete one); the
    teams work on the page /raporty/."""

    access_action = Action.CONFIGURE
    addable = False
    list_display = (
        "title",
        "template",
        "unit",
        "period",
        "audience",
        "status",
        "state",
        "created_at",
    )
    list_filter = ("status", "audience", "template", "state")
    search_fields = ("title", "unit", "territory", "period")
    readonly_fields = (
        "template",
        "territory",
        "unit",
        "period",
        "since",
        "audience",
        "title",
        "language",
        "state",
        "error",
        "task_id",
        "fingerprint",
        "data_version",
        "previous",
        "created_by",
        "accepted_by",
        "accepted_at",
        "published_at",
        "created_at",
        "updated_at",
    )
    exclude = ("content",)
