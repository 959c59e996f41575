"""Signing in and out, passwords, and invitations (docs/security.md, "Roles")."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth
from django.core.mail import send_mail
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from kooperacja import policy
from kooperacja.accounts.forms import InviteForm, LoginForm, MemberChangeForm
from kooperacja.accounts.services import add_member, change_role, remove_member, set_password_path
from kooperacja.core.errors import UserError
from kooperacja.messages import user_message
from kooperacja.policy import Action
from kooperacja.records.models import Institution, Membership


class LoginView(auth.LoginView):
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # Django's is the host's name; the page shows the site's own (web/context.py).
        del context["site_name"]
        return context


login = policy.public(LoginView.as_view(
    template_name="accounts/login.html", authentication_form=LoginForm,
    redirect_authenticated_user=True))
logout = policy.public(auth.LogoutView.as_view(next_page="web:map"))
password_change = policy.signed_in(auth.PasswordChangeView.as_view(
    template_name="accounts/password_change.html",
    success_url=reverse_lazy("accounts:password-change-done")))
password_change_done = policy.signed_in(auth.PasswordChangeDoneView.as_view(
    template_name="accounts/done.html", extra_context={"message_kind": "changed"}))
password_reset = policy.public(auth.PasswordResetView.as_view(
    template_name="accounts/password_reset.html",
    email_template_name="accounts/password_reset_email.txt",
    subject_template_name="accounts/password_reset_subject.txt",
    success_url=reverse_lazy("accounts:password-reset-done")))
password_reset_done = policy.public(auth.PasswordResetDoneView.as_view(
    template_name="accounts/done.html", extra_context={"message_kind": "sent"}))
set_password = policy.public(auth.PasswordResetConfirmView.as_view(
    template_name="accounts/set_password.html",
    success_url=reverse_lazy("accounts:password-set")))
password_set = policy.public(auth.PasswordResetCompleteView.as_view(
    template_name="accounts/done.html", extra_context={"message_kind": "set"}))


@policy.requires(Action.MANAGE_MEMBERS)
def members(request: HttpRequest) -> HttpResponse:
    """An institution administrator's people: who holds which role, invitations, and a
    member's removal or new role (each confirmed first)."""
    institutions = policy.scoped(Institution.objects.all(), request.user, Action.MANAGE_MEMBERS,
                                 institution="pk", territory="territory__code")
    people = (
        Membership.objects.filter(institution__in=institutions)
        .select_related("user", "institution")
        .order_by("institution__code", "user__username")
    )
    roles = _roles_given_by(request.user)
    if request.method == "POST" and "op" in request.POST:
        return _change_member(request, people, roles)
    form = InviteForm(request.POST or None, institutions=institutions, roles=roles)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        added = add_member(data["email"], data["role"], data["institution"])
        link = request.build_absolute_uri(set_password_path(added.user))
        send_mail(_("Invitation to %(site)s") % {"site": data["institution"].name},
                  _("You have been invited to work for %(institution)s. Set your password "
                    "here (the link works once, for three days):\n\n%(link)s\n")
                  % {"institution": data["institution"].name, "link": link},
                  None, [added.user.email])
        messages.success(request, _("Invitation sent."))
        return redirect("accounts:members")
    return render(request, "accounts/members.html", {
        "form": form, "people": people, "roles": roles,
    })


def _roles_given_by(user: Any) -> list[tuple[str, str]]:
    given = policy.roles_given_by(user)
    return [(role, label) for role, label in Membership.Role.choices if role in given]


def _change_member(request: HttpRequest, people: Any,
                   roles: list[tuple[str, str]]) -> HttpResponse:
    change = MemberChangeForm(request.POST, members=people, roles=roles)
    if not change.is_valid():
        if "membership" in change.errors:  # another institution's member, or none
            raise Http404
        messages.error(request, _("Choose a role."))
        return redirect("accounts:members")
    data = change.cleaned_data
    member: Membership = data["membership"]
    removing = data["op"] == MemberChangeForm.REMOVE
    if not removing and data["role"] == member.role:
        return redirect("accounts:members")
    if not data["confirmed"]:
        return render(request, "accounts/member_confirm.html", {
            "member": member, "removing": removing, "role": data["role"],
            "role_name": dict(Membership.Role.choices).get(data["role"], ""),
            "yourself": member.user_id == request.user.pk,
        })
    try:
        if removing:
            remove_member(member, request.user)  # type: ignore[arg-type]
            messages.success(request, _("%(person)s no longer works for %(institution)s.")
                             % {"person": member.user.email or member.user.username,
                                "institution": member.institution.name})
        else:
            change_role(member, data["role"], request.user)  # type: ignore[arg-type]
            messages.success(request, _("%(person)s is now %(role)s in %(institution)s.")
                             % {"person": member.user.email or member.user.username,
                                "role": member.get_role_display(),
                                "institution": member.institution.name})
    except UserError as error:
        messages.error(request, user_message(error))
    if member.user_id == request.user.pk and not policy.allows(
            _fresh(request), Action.MANAGE_MEMBERS):
        return redirect("web:map")  # no longer an administrator anywhere
    return redirect("accounts:members")


def _fresh(request: HttpRequest) -> Any:
    """The user with its grants read again (a change may have taken its own)."""
    user = request.user
    if hasattr(user, "_kooperacja_principal"):
        del user._kooperacja_principal
    return user
