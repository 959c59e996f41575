"""Signing in and out, passwords, and invitations (docs/security.md, "Roles")."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth
from django.core.mail import send_mail
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from kooperacja import policy
from kooperacja.accounts.forms import InviteForm, LoginForm
from kooperacja.accounts.services import add_member, set_password_path
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
    """An institution administrator's people: who holds which role, and invitations."""
    institutions = policy.scoped(Institution.objects.all(), request.user, Action.MANAGE_MEMBERS,
                                 institution="pk")
    form = InviteForm(request.POST or None, institutions=institutions)
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
    people = (
        Membership.objects.filter(institution__in=institutions)
        .select_related("user", "institution")
        .order_by("institution__code", "user__username")
    )
    return render(request, "accounts/members.html", {"form": form, "people": people})
