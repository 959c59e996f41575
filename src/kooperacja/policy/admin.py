"""Administration pages asked to the policy instead of Django's model permissions."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from kooperacja.policy import Action, allows, may_use_admin, scoped


def site_permission(request: HttpRequest) -> bool:
    """The panel opens for whoever may take an action in it (docs/security.md, "Roles");
    Django's staff flag is kept for installation administrators only."""
    return bool(request.user.is_active and may_use_admin(request.user))


class PolicyAdmin(admin.ModelAdmin):
    """A model's pages for those who may take ``access_action``; with
    ``institution_field`` (the lookup to the owning institution's id) each sees the rows
    of its institutions only, and another's row is "not found"."""

    access_action: Action = Action.CONFIGURE
    institution_field: str | None = None
    # Or (and) the lookup to the code of the row's territory: each sees its territories' rows.
    territory_field: str | None = None
    # Also shown, unchanged, to those who may take this action (e.g. kinds to those who
    # keep entries of them).
    read_action: Action | None = None
    # False where rows come only from an import, never typed in.
    addable: bool = True
    # False where rows stay as a record (revoked tokens, the audit log).
    deletable: bool = True

    class Media:
        # Django's widgets made to pass axe-core's WCAG 2.1 AA checks.
        js = ["web/admin-a11y.js"]

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        """Django's fields, with a name for each input of a date-and-time widget (whose
        label points at neither: axe-core's "label" rule)."""
        from django.contrib.admin.widgets import AdminSplitDateTime
        from django.utils.text import capfirst
        from django.utils.translation import gettext

        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and isinstance(field.widget, AdminSplitDateTime):
            name = capfirst(str(db_field.verbose_name))
            for widget, part in zip(field.widget.widgets, (gettext("Date:"), gettext("Time:"))):
                widget.attrs["aria-label"] = f"{name}, {part.rstrip(':').lower()}"
        return field

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        found = super().get_queryset(request)
        if self.institution_field is None and self.territory_field is None:
            return found if self.has_view_permission(request) else found.none()
        return scoped(found, request.user, self.access_action, institution=self.institution_field,
                      territory=self.territory_field)

    def _may_read(self, request: HttpRequest, obj: Any = None) -> bool:
        if self.read_action is not None and allows(request.user, self.read_action):
            return True
        return self._may(request, obj)

    def _may(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None or (self.institution_field is None and self.territory_field is None):
            return allows(request.user, self.access_action)
        owner, territory = _follow(obj, self.institution_field), _follow(obj, self.territory_field)
        if owner is None and territory is None:  # nobody's entry: the installation's
            return bool(request.user.is_superuser)
        return allows(request.user, self.access_action, institution=owner, territory=territory)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._may_read(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may_read(request, obj)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return self.addable and self._may(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.deletable and self._may(request, obj)


def _follow(obj: Any, lookup: str | None) -> Any:
    """The value at the end of ``lookup`` (``institution__territory__code``) from ``obj``."""
    if lookup is None:
        return None
    for part in lookup.split("__"):
        obj = getattr(obj, part, None)
    return obj


class ReadOnlyPolicyAdmin(PolicyAdmin):
    """Shown to those the policy allows; changed by nobody through the panel."""

    addable = False
    deletable = False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class PolicyInline(admin.options.InlineModelAdmin):  # type: ignore[type-arg]
    """An inline asked to the policy as its page is: whoever may take the parent page's
    ``access_action`` sees and edits its rows (Django's model permissions are given to
    installation administrators only, so a plain inline stays empty for everyone else)."""

    def _may(self, request: HttpRequest, obj: Any = None) -> bool:
        parent = self.admin_site._registry.get(self.parent_model)
        return allows(request.user, getattr(parent, "access_action", Action.CONFIGURE))

    has_view_permission = has_add_permission = has_change_permission = _may
    has_delete_permission = _may
