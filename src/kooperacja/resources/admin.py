from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db import models, transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kooperacja.resources.models import Resource, ResourceKind
from kooperacja.resources.permissions import can_edit, can_verify, editable_resources, owners_for
from kooperacja.territory.answers import inputs_changed


@admin.register(ResourceKind)
class ResourceKindAdmin(admin.ModelAdmin):
    list_display = ["code", "label_pl", "label_en", "order"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return can_edit(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_edit(request.user)


class StaleFilter(admin.SimpleListFilter):
    title = _("verification")
    parameter_name = "stale"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("yes", _("stale")), ("no", _("current"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Resource]) -> QuerySet[Resource]:
        if self.value() == "yes":
            return queryset.stale()
        if self.value() == "no":
            return queryset.exclude(pk__in=queryset.stale())
        return queryset


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    """Each institution sees and edits its own entries; administrators all, and verify."""

    list_display = ["name", "kind", "address", "owner", "last_verified", "is_public"]
    list_filter = ["kind", StaleFilter, "is_public", "owner"]
    search_fields = ["name", "address", "locality"]
    raw_id_fields = ["address_point", "service_area"]
    filter_horizontal = ["problems"]
    readonly_fields = ["units", "verified_by", "source", "source_id", "created_at", "updated_at"]
    actions = ["mark_verified"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Resource]:
        return editable_resources(request.user).select_related("kind", "owner")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return can_edit(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Resource | None = None) -> bool:
        return can_edit(request.user, obj)

    def has_change_permission(self, request: HttpRequest, obj: Resource | None = None) -> bool:
        return can_edit(request.user, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Resource | None = None) -> bool:
        return can_edit(request.user, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return can_edit(request.user)

    def get_readonly_fields(self, request: HttpRequest, obj: Resource | None = None) -> list[str]:
        fields = list(self.readonly_fields)
        return fields if can_verify(request.user) else [*fields, "last_verified"]

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "owner":
            kwargs["queryset"] = owners_for(request.user)
            kwargs["required"] = not can_verify(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        if not can_verify(request.user):
            actions.pop("mark_verified", None)
        return actions

    @admin.action(description=_("Mark as verified today"))
    def mark_verified(self, request: HttpRequest, queryset: QuerySet[Resource]) -> None:
        if not can_verify(request.user):
            return
        with transaction.atomic():
            count = queryset.update(last_verified=timezone.localdate(), verified_by=request.user)
            inputs_changed()  # an update sends no signal (resources/receivers.py)
        self.message_user(request, ngettext("%(count)d resource verified.",
                                            "%(count)d resources verified.", count)
                          % {"count": count}, messages.SUCCESS)
