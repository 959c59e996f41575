from __future__ import annotations

from functools import update_wrapper
from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.models import DELETION
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kooperacja.policy import Action, allows, roles_given_by, scoped
from kooperacja.policy.admin import PolicyAdmin, ReadOnlyPolicyAdmin
from kooperacja.records.audit_receivers import record_admin_change
from kooperacja.records.models import (
    AuditEvent,
    Code,
    CodeList,
    Institution,
    Membership,
    Submission,
)
from kooperacja.records.services.audit import record_event


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ("user",)


@admin.register(Institution)
class InstitutionAdmin(PolicyAdmin):
    # Those who keep the partnership register and the teams read the institutions (the
    # parties of agreements, the members' employers); configuring them stays the
    # installation's.
    read_action = Action.MANAGE_TEAMS
    list_display = ("code", "name", "kind", "territory", "agreement", "retention_months")
    list_filter = ("kind",)
    search_fields = ("code", "name")
    raw_id_fields = ("territory",)
    inlines = (MembershipInline,)


@admin.register(Membership)
class MembershipAdmin(PolicyAdmin):
    """An institution's administrator manages its own institution's members only."""

    access_action = Action.MANAGE_MEMBERS
    institution_field = "institution_id"
    territory_field = "institution__territory__code"
    list_display = ("user", "institution", "role", "territory")
    list_filter = ("role", "institution")
    raw_id_fields = ("user", "territory")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # A membership's own territory widens what its analysts see: the installation's
        # administrators set it, nobody could reach into another territory through it.
        return [] if request.user.is_superuser else ["territory"]

    def formfield_for_choice_field(self, db_field: Any, request: HttpRequest,
                                   **kwargs: Any) -> Any:
        if db_field.name == "role":
            given = roles_given_by(request.user)
            kwargs["choices"] = [(r, label) for r, label in db_field.choices if r in given]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "institution":
            kwargs["queryset"] = scoped(Institution.objects.all(), request.user,
                                        Action.MANAGE_MEMBERS, institution="pk",
                                        territory="territory__code")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class CodeInline(admin.TabularInline):
    model = Code
    fk_name = "code_list"
    extra = 0
    fields = ("code", "label_pl", "label_en", "aliases", "valid_from", "valid_to",
              "instrument_type")


@admin.register(CodeList)
class CodeListAdmin(PolicyAdmin):
    list_display = ("code", "label_pl", "label_en")
    inlines = (CodeInline,)


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyPolicyAdmin):
    """What was sent and how its import went, for its institution (its import reports);
    the records themselves are not shown here. Data stewards approve or withdraw."""

    access_action = Action.VIEW_SUBMISSION
    institution_field = "institution_id"
    list_display = ("institution", "period", "layout", "status", "review", "rows_imported",
                    "rows_rejected", "created_by", "created_at", "finished_at")
    list_filter = ("status", "review", "layout", "institution", "period")
    exclude = ("upload_path",)
    actions = ["approve", "withdraw"]

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        found = super().get_actions(request)
        if not allows(request.user, Action.APPROVE_SUBMISSION):
            found.pop("approve", None)
            found.pop("withdraw", None)
        return found

    def _review(self, request: HttpRequest, queryset: QuerySet[Submission], review: str) -> None:
        queryset = scoped(queryset, request.user, Action.APPROVE_SUBMISSION,
                          institution="institution_id").active().exclude(review=review)
        count = 0
        # Saved one by one, not updated in bulk: the save moves the published values'
        # version on (indicators/receivers.py), so the public map follows the review.
        for found in queryset:
            found.review, found.reviewed_by, found.reviewed_at = (
                review, request.user, timezone.now())
            found.save(update_fields=["review", "reviewed_by", "reviewed_at"])
            record_event(request.user, "review", found, {"review": review})
            count += 1
        self.message_user(request, ngettext("%(count)d submission marked.",
                                            "%(count)d submissions marked.", count)
                          % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Approve (data steward)"))
    def approve(self, request: HttpRequest, queryset: QuerySet[Submission]) -> None:
        self._review(request, queryset, Submission.Review.APPROVED)

    @admin.action(description=_("Withdraw (data steward)"))
    def withdraw(self, request: HttpRequest, queryset: QuerySet[Submission]) -> None:
        self._review(request, queryset, Submission.Review.WITHDRAWN)


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyPolicyAdmin):
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
