"""The check before referral's form: the PESEL is read and never written back into a page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kooperacja.records.models import Institution
from kooperacja.referrals.services.checks import (
    asking_institutions,
    default_since,
    instrument_types,
)

BASIS_CHOICES = [
    ("agreement", _("data-sharing agreement between the institutions")),
    ("consent", _("the client's consent")),
]


class UnechoedInput(forms.TextInput):
    """A text box that never renders what was typed into it (a PESEL is not echoed)."""

    def format_value(self, value: Any) -> None:
        return None


class CheckForm(forms.Form):
    institution = forms.ModelChoiceField(
        queryset=Institution.objects.none(), label=_("Asking institution"), empty_label=None,
        help_text=_("its own help does not count"))
    pesel = forms.CharField(
        label=_("Client's PESEL"), max_length=20, strip=True,
        widget=UnechoedInput(attrs={"inputmode": "numeric", "autocomplete": "off",
                                    "spellcheck": "false"}),
        help_text=_("11 digits; it is not stored: only the answer's count is recorded"))
    instrument_type = forms.ChoiceField(label=_("Instrument type"))
    basis = forms.ChoiceField(label=_("Legal basis"), choices=BASIS_CHOICES,
                              widget=forms.RadioSelect)
    since = forms.DateField(
        label=_("Help that ended on or after"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("by default 12 months back"))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = asking_institutions(user)
        field = self.fields["institution"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Institution.objects.filter(pk__in=[i.pk for i in allowed])
        polish = (get_language() or "pl").startswith("pl")
        choice = self.fields["instrument_type"]
        assert isinstance(choice, forms.ChoiceField)
        choice.choices = [(code, pl if polish else en) for code, pl, en in instrument_types()]
        self.fields["since"].initial = default_since()
