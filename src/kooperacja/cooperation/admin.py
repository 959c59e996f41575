"""The panel keeps the register and the teams for those who may manage teams (coordinators
of the territory, institutions' administrators), each those of their own territories (an
institution's administrator: its institution's territory); every change is audited, and
deleting a team archives it."""

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
from kooperacja.cooperation.services import access
from kooperacja.cooperation.services.partnership import AGREEMENT_TERRITORY
from kooperacja.cooperation.services.teams import archive_team
from kooperacja.policy import Action
from kooperacja.policy.admin import PolicyAdmin, PolicyInline
from kooperacja.records.services.audit import record_event
from kooperacja.territory.models import Unit

# Related rows a form offers, by model: the lookup to the code of their unit's territory.
CHOICES: dict[Any, str] = {
    Unit: "territory__code",  # a team's territory
    Team: "territory__territory__code",
    TeamMember: "team__territory__territory__code",
    Decision: "meeting__team__territory__territory__code",
}
# A list's filter by team or institution offers those of the rows shown only.
RELATED_ONLY = admin.RelatedOnlyFieldListFilter


class KeptChoices:
    """A team, its member or decision, or a team's territory, to choose from among one's
    own territories' (another's is refused as "not one of the available choices")."""

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest,
                                 **kwargs: Any) -> Any:
        lookup = CHOICES.get(db_field.related_model)
        if lookup is not None:
            kwargs["queryset"] = access.kept_by(
                request.user, db_field.related_model._default_manager.all(), lookup)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]


class AuditedAdmin(KeptChoices, PolicyAdmin):
    """Rows of the territories whose teams one keeps (access.kept_by); ``territory_lookup``
    leads from a row to the code of its unit's territory."""

    access_action = Action.MANAGE_TEAMS
    territory_lookup = "territory__territory__code"

    def rows_for(self, user: Any) -> QuerySet[Any]:
        return access.kept_by(user, self.model._default_manager.all(), self.territory_lookup)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        ordered = super().get_queryset(request)  # the panel's ordering and joins
        return ordered.filter(pk__in=self.rows_for(request.user).values("pk"))

    def _may(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None:
            return super()._may(request)
        return self.rows_for(request.user).filter(pk=obj.pk).exists()

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
    territory_lookup = "institution__territory__territory__code"
    list_display = ("name", "institution", "function", "email", "phone")
    search_fields = ("name", "institution__name", "email")
    list_filter = (("institution", RELATED_ONLY),)


@admin.register(Agreement)
class AgreementAdmin(AuditedAdmin):
    territory_lookup = AGREEMENT_TERRITORY
    list_display = ("title", "kind", "signed_on", "valid_from", "valid_until", "is_public")
    list_filter = ("kind", "is_public")
    search_fields = ("title", "number", "parties__name")
    filter_horizontal = ("parties",)
    date_hierarchy = "signed_on"


class TeamMemberInline(KeptChoices, PolicyInline, admin.StackedInline):
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


class AttendanceInline(KeptChoices, PolicyInline, admin.StackedInline):
    model = Attendance
    extra = 0


class DecisionInline(KeptChoices, PolicyInline, admin.StackedInline):
    model = Decision
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(AuditedAdmin):
    territory_lookup = "team__territory__territory__code"
    list_display = ("team", "starts_at", "place")
    list_filter = (("team", RELATED_ONLY),)
    date_hierarchy = "starts_at"
    inlines = [AttendanceInline, DecisionInline]

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        super().save_formset(request, form, formset, change)
        if formset.has_changed():
            record_event(request.user, "change", form.instance,
                         {"inline": formset.model._meta.model_name})


@admin.register(Task)
class TaskAdmin(AuditedAdmin):
    territory_lookup = "team__territory__territory__code"
    list_display = ("title", "team", "owner", "deadline", "status")
    list_filter = ("status", ("team", RELATED_ONLY))
    search_fields = ("title",)
