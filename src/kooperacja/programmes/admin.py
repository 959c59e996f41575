"""The panel keeps the programmes for the coordinators of their territory; every change
is audited, and deleting a programme archives it (its targets' history stays)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from kooperacja.policy import Action, allows, scoped
from kooperacja.policy.admin import PolicyAdmin, PolicyInline
from kooperacja.programmes.models import Action as ProgrammeAction
from kooperacja.programmes.models import Objective, Programme, Target, TargetValue
from kooperacja.records.services.audit import record_event


class AuditedAdmin(PolicyAdmin):
    """Rows of the programmes of the user's territories; ``territory_field`` leads to
    the code of the programme's territory."""

    access_action = Action.MANAGE_PROGRAMMES
    territory_field = "programme__territory__code"

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest,
                                 **kwargs: Any) -> Any:
        """A programme or objective to choose among those of the user's territories."""
        scopes = {"programme": (Programme, "territory__code"),
                  "objective": (Objective, "programme__territory__code")}
        if db_field.name in scopes:
            model, lookup = scopes[db_field.name]
            kwargs["queryset"] = scoped(model.objects.all(), request.user, self.access_action,
                                        territory=lookup)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        record_event(request.user, "change" if change else "create", obj,
                     {"fields": sorted(form.changed_data)} if change else None)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            record_event(request.user, "create", obj)
        for obj, fields in formset.changed_objects:
            record_event(request.user, "change", obj, {"fields": sorted(fields)})
        for obj in formset.deleted_objects:
            record_event(request.user, "delete", obj, {"name": str(obj)[:100]})

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        record_event(request.user, "delete", obj, {"name": str(obj)[:100]})
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


class ObjectiveInline(PolicyInline, admin.TabularInline):
    model = Objective
    extra = 1


@admin.register(Programme)
class ProgrammeAdmin(AuditedAdmin):
    territory_field = "territory__code"
    list_display = ("name", "kind", "territory", "year_from", "year_until", "is_public",
                    "archived")
    list_filter = ("kind", "is_public", "archived")
    search_fields = ("name",)
    raw_id_fields = ("territory",)
    inlines = [ObjectiveInline]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not request.user.is_superuser and not allows(
                request.user, self.access_action, territory=obj.territory.code):
            from django.core.exceptions import PermissionDenied
            raise PermissionDenied
        super().save_model(request, obj, form, change)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        """A programme is archived, never deleted: its targets and values stay."""
        obj.archived = True
        obj.save(update_fields=["archived"])
        record_event(request.user, "archive", obj, {"name": str(obj)[:100]})


class ActionInline(PolicyInline, admin.TabularInline):
    model = ProgrammeAction
    extra = 1
    raw_id_fields = ("responsible",)
    filter_horizontal = ("resources",)


class TargetInline(PolicyInline, admin.StackedInline):
    model = Target
    extra = 0
    raw_id_fields = ("indicator",)


@admin.register(Objective)
class ObjectiveAdmin(AuditedAdmin):
    list_display = ("title", "programme", "order")
    list_filter = ("programme",)
    inlines = [ActionInline, TargetInline]


class TargetValueInline(PolicyInline, admin.TabularInline):
    model = TargetValue
    extra = 1


@admin.register(Target)
class TargetAdmin(AuditedAdmin):
    territory_field = "objective__programme__territory__code"
    list_display = ("__str__", "objective", "baseline", "target", "target_year", "direction")
    raw_id_fields = ("indicator", "objective")
    inlines = [TargetValueInline]
