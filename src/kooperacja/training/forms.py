"""The public application form (built from an offer's criteria) and staff's small forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kooperacja.training.models import (
    AgeBand,
    Education,
    LabourStatus,
    Offer,
    Outcome,
    Sex,
)

HONEYPOT = "website"


class ApplicationForm(forms.Form):
    """Only what the criteria and the funder's counts need; the consent first."""

    name = forms.CharField(label=_("First name and surname"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, widget=forms.RadioSelect)
    birth_year = forms.IntegerField(label=_("Year of birth"), required=False,
                                    help_text=_("or give the age band below"))
    age_band = forms.ChoiceField(label=_("Age band"), required=False,
                                 choices=[("", "—"), *AgeBand.choices])
    labour_status = forms.ChoiceField(label=_("Situation on the labour market"),
                                      choices=LabourStatus.choices)
    education = forms.ChoiceField(label=_("Education"), choices=Education.choices)
    disability = forms.BooleanField(label=_("I have a disability certificate"), required=False)
    consent = forms.BooleanField(label=_("I consent to the processing of the data above for "
                                         "this recruitment"))
    # Left empty by people (it is off screen); filled by bots that fill every field.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, offer: Offer, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer = offer
        self.fields[HONEYPOT].widget.attrs.update(tabindex="-1", autocomplete="off")
        for criterion in offer.criteria:
            code = str(criterion.get("code", ""))
            self.fields[f"criterion_{code}"] = forms.BooleanField(
                label=str(criterion.get("label", code)), required=False)

    @property
    def criterion_fields(self) -> list[Any]:
        return [self[name] for name in self.fields if name.startswith("criterion_")]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        year = data.get("birth_year")
        this_year = timezone.localdate().year
        if year is not None and not this_year - 100 <= year <= this_year - 14:
            self.add_error("birth_year", _("Give a year of birth between %(low)s and %(high)s.")
                           % {"low": this_year - 100, "high": this_year - 14})
        if year is None and not data.get("age_band"):
            self.add_error("age_band", _("Give the year of birth or the age band."))
        if not data.get("email") and not data.get("phone"):
            self.add_error("email", _("Give an e-mail address or a phone number."))
        return data

    def answers(self) -> dict[str, bool]:
        return {name.removeprefix("criterion_"): bool(self.cleaned_data.get(name))
                for name in self.fields if name.startswith("criterion_")}


class QualifyForm(forms.Form):
    score = forms.IntegerField(label=_("Score"), required=False, min_value=0, max_value=1000)
    qualified = forms.TypedChoiceField(label=_("Decision"), coerce=lambda v: v == "yes",
                                       choices=[("yes", _("qualified")),
                                                ("no", _("not qualified"))])


class FinishForm(forms.Form):
    completed = forms.TypedChoiceField(label=_("Completed"), coerce=lambda v: v == "yes",
                                       choices=[("yes", _("yes")), ("no", _("no"))])
    day = forms.DateField(label=_("End date"), widget=forms.DateInput(attrs={"type": "date"}))
    outcome = forms.ChoiceField(label=_("Outcome within 3 months"), required=False,
                                choices=[("", "—"), *Outcome.choices])
