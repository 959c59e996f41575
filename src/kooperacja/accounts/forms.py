from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kooperacja.policy import Role
from kooperacja.records.forms import offer_institutions
from kooperacja.records.models import Institution, Membership


class LoginForm(AuthenticationForm):
    """Django's login form; the user name is the e-mail address."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mail address")
        self.fields["username"].widget.attrs["autocomplete"] = "username"


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    institution = forms.ModelChoiceField(Institution.objects.none(), label=_("Institution"))
    role = forms.ChoiceField(choices=Role.choices, label=_("Role"))

    def __init__(self, *args: Any, institutions: QuerySet[Institution],
                 roles: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer_institutions(self.fields["institution"], institutions)
        self.fields["role"].choices = roles  # type: ignore[attr-defined]


class MemberChangeForm(forms.Form):
    """One member's removal or new role, asked on the people page and confirmed on a page
    of its own."""

    REMOVE, ROLE = "remove", "role"

    membership = forms.ModelChoiceField(Membership.objects.none())
    op = forms.ChoiceField(choices=[(REMOVE, REMOVE), (ROLE, ROLE)])
    role = forms.ChoiceField(choices=Role.choices, required=False, label=_("Role"))
    confirmed = forms.BooleanField(required=False)

    def __init__(self, *args: Any, members: QuerySet[Membership],
                 roles: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = members  # type: ignore[attr-defined]
        self.fields["role"].choices = roles  # type: ignore[attr-defined]
