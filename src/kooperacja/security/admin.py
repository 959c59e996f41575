from __future__ import annotations

from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from kooperacja.policy import Action, scoped
from kooperacja.policy.admin import PolicyAdmin, ReadOnlyPolicyAdmin
from kooperacja.records.models import Institution
from kooperacja.security.models import ApiToken
from kooperacja.security.tokens import issue_token, revoke_token


@admin.register(ApiToken)
class ApiTokenAdmin(PolicyAdmin):
    """An institution's administrator issues and revokes its own institution's tokens."""

    access_action = Action.MANAGE_MEMBERS
    institution_field = "institution_id"
    territory_field = "institution__territory__code"
    deletable = False  # revoked tokens stay listed: who had access, until when
    list_display = ["institution", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["institution"]
    actions = ["revoke"]

    def get_fields(self, request: HttpRequest, obj: ApiToken | None = None) -> list[str]:
        if obj is None:
            return ["institution", "name"]
        return ["institution", "name", "prefix", "created_by", "created_at", "last_used_at",
                "revoked_at"]

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "institution":
            kwargs["queryset"] = scoped(Institution.objects.all(), request.user,
                                        Action.MANAGE_MEMBERS, institution="pk",
                                        territory="territory__code")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request: HttpRequest, obj: ApiToken | None = None) -> list[str]:
        return [] if obj is None else self.get_fields(request, obj)


    def save_model(self, request: HttpRequest, obj: ApiToken, form: Any, change: bool) -> None:
        if change:
            return
        token, secret = issue_token(obj.institution, obj.name, request.user)
        obj.pk = token.pk
        obj.refresh_from_db()
        obj.secret = secret  # for response_add only; never saved

    def response_add(
        self, request: HttpRequest, obj: ApiToken, post_url_continue: Any = None
    ) -> HttpResponse:
        # The token is shown on this page once and stored nowhere (not even in a message).
        return TemplateResponse(request, "admin/security/apitoken/issued.html", {
            **self.admin_site.each_context(request), "token": obj, "secret": obj.secret,
            "opts": self.model._meta, "title": _("API token issued"),
        })

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        tokens = list(queryset.filter(revoked_at__isnull=True))
        for token in tokens:
            revoke_token(token)
        self.message_user(request, ngettext(
            "%(count)d token revoked.", "%(count)d tokens revoked.", len(tokens),
        ) % {"count": len(tokens)}, messages.SUCCESS)


# The login-throttling records and the authenticator devices: installation administrators
# only (the policy's "configure"), read-only where the program alone writes them. A device
# can be deleted (a lost phone: its owner sets up a new one at the next login); its secret
# is never shown, so django-otp's own pages with the device's QR code are left out.
for model in (AccessAttempt, AccessLog, AccessFailureLog, TOTPDevice):
    registered = type(admin.site._registry[model])
    base = PolicyAdmin if model is TOTPDevice else ReadOnlyPolicyAdmin
    extra = {"get_urls": admin.ModelAdmin.get_urls} if model is TOTPDevice else {}
    admin.site.unregister(model)
    admin.site.register(model, type(registered.__name__, (base, registered), extra))
