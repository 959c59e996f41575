"""The panel keeps the register and the teams for those who may manage teams (coordinators
of the territory, institutions' administrators); every change is audited, and deleting a
team archives it."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from kooperacja.cooperation.models import (
    Agreement,
    Attendance,
    ContactPerson,
    Decision,
    Meeting,
    Task,
    Team,
    TeamMember,
)
from kooperacja.cooperation.services.teams import archive_team
from kooperacja.policy import Action
from kooperacja.policy.admin import PolicyAdmin, PolicyInline
from kooperacja.records.services.audit import record_event


class AuditedAdmin(PolicyAdmin):
    access_action = Action.MANAGE_TEAMS

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        record_event(request.user, "change" if change else "create", obj,
                     {"fields": sorted(form.changed_data)} if change else None)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        record_event(request.user, "delete", obj, {"name": str(obj)[:100]})
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(ContactPerson)
class ContactPersonAdmin(AuditedAdmin):
    list_display = ("name", "institution", "function", "email", "phone")
    search_fields = ("name", "institution__name", "email")
    list_filter = ("institution",)


@admin.register(Agreement)
class AgreementAdmin(AuditedAdmin):
    list_display = ("title", "kind", "signed_on", "valid_from", "valid_until", "is_public")
    list_filter = ("kind", "is_public")
    search_fields = ("title", "number", "parties__name")
    filter_horizontal = ("parties",)
    date_hierarchy = "signed_on"


class TeamMemberInline(PolicyInline, admin.StackedInline):
    model = TeamMember
    extra = 1
    raw_id_fields = ("user",)


@admin.register(Team)
class TeamAdmin(AuditedAdmin):
    list_display = ("name", "kind", "territory", "term_from", "term_until", "archived")
    list_filter = ("kind", "archived")
    search_fields = ("name", "code")
    prepopulated_fields = {"code": ("name",)}
    raw_id_fields = ("territory",)
    inlines = [TeamMemberInline]

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        """A team is archived, never deleted: its meetings and decisions stay."""
        archive_team(request.user, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for team in queryset:
            archive_team(request.user, team)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        super().save_formset(request, form, formset, change)
        if formset.has_changed():
            record_event(request.user, "change", form.instance, {"members": True})


class AttendanceInline(PolicyInline, admin.StackedInline):
    model = Attendance
    extra = 0


class DecisionInline(PolicyInline, admin.StackedInline):
    model = Decision
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(AuditedAdmin):
    list_display = ("team", "starts_at", "place")
    list_filter = ("team",)
    date_hierarchy = "starts_at"
    inlines = [AttendanceInline, DecisionInline]

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        super().save_formset(request, form, formset, change)
        if formset.has_changed():
            record_event(request.user, "change", form.instance,
                         {"inline": formset.model._meta.model_name})


@admin.register(Task)
class TaskAdmin(AuditedAdmin):
    list_display = ("title", "team", "owner", "deadline", "status")
    list_filter = ("status", "team")
    search_fields = ("title",)
