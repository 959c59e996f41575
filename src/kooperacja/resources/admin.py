from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db import models, transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kooperacja.policy import Action, allows, scoped
from kooperacja.policy.admin import PolicyAdmin
from kooperacja.records.models import Institution
from kooperacja.resources.models import Resource, ResourceKind
from kooperacja.territory.answers import inputs_changed


@admin.register(ResourceKind)
class ResourceKindAdmin(PolicyAdmin):
    """Kinds are configuration; those who keep entries may read them."""

    read_action = Action.EDIT_RESOURCE
    list_display = ["code", "label_pl", "label_en", "order"]


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
class ResourceAdmin(PolicyAdmin):
    """Each institution sees and edits its own entries; its administrator verifies them."""

    access_action = Action.EDIT_RESOURCE
    institution_field = "owner_id"

    list_display = ["name", "kind", "address", "owner", "last_verified", "is_public"]
    list_filter = ["kind", StaleFilter, "is_public", "owner"]
    search_fields = ["name", "address", "locality"]
    raw_id_fields = ["address_point", "service_area"]
    filter_horizontal = ["problems"]
    readonly_fields = ["units", "verified_by", "source", "source_id", "created_at", "updated_at"]
    actions = ["mark_verified"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Resource]:
        return super().get_queryset(request).select_related("kind", "owner")

    def get_readonly_fields(self, request: HttpRequest, obj: Resource | None = None) -> list[str]:
        fields = list(self.readonly_fields)
        return (
            fields if allows(request.user, Action.VERIFY_RESOURCE) else [*fields, "last_verified"]
        )

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "owner":
            kwargs["queryset"] = scoped(Institution.objects.all(), request.user,
                                        Action.EDIT_RESOURCE, institution="pk")
            # Only installation administrators keep entries that belong to nobody.
            kwargs["required"] = not request.user.is_superuser
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        if not allows(request.user, Action.VERIFY_RESOURCE):
            actions.pop("mark_verified", None)
        return actions

    @admin.action(description=_("Mark as verified today"))
    def mark_verified(self, request: HttpRequest, queryset: QuerySet[Resource]) -> None:
        queryset = scoped(queryset, request.user, Action.VERIFY_RESOURCE, institution="owner_id",
                          territory="owner__territory__code")
        with transaction.atomic():
            count = queryset.update(last_verified=timezone.localdate(), verified_by=request.user)
            inputs_changed()  # an update sends no signal (resources/receivers.py)
        self.message_user(request, ngettext("%(count)d resource verified.",
                                            "%(count)d resources verified.", count)
                          % {"count": count}, messages.SUCCESS)
