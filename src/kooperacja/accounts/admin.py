"""The administration panel asks the policy: who may open it, and the accounts' pages."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.contrib.auth.models import Group, User
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from kooperacja.policy.admin import PolicyAdmin, ReadOnlyPolicyAdmin, site_permission

# Partners keep their directory entries and administrators their members here without
# Django's staff flag (docs/security.md, "Roles").
admin.site.has_permission = site_permission  # type: ignore[method-assign]


class UserAdmin(PolicyAdmin, auth_admin.UserAdmin):
    pass


class GroupAdmin(PolicyAdmin, auth_admin.GroupAdmin):
    pass


class TaskResultAdmin(ReadOnlyPolicyAdmin, DBTaskResultAdmin):
    pass


for model, model_admin in ((User, UserAdmin), (Group, GroupAdmin), (DBTaskResult, TaskResultAdmin)):
    admin.site.unregister(model)
    admin.site.register(model, model_admin)
