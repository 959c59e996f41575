from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kooperacja import policy
from kooperacja.core.errors import UserError
from kooperacja.core.submissions.layouts import LAYOUTS
from kooperacja.core.submissions.periods import parse_period
from kooperacja.cycles.models import Cycle
from kooperacja.messages import user_message
from kooperacja.records.models import CodeList, Institution
from kooperacja.territory.models import Unit


def _period(text: str) -> str:
    try:
        return parse_period(text).label
    except UserError as e:
        raise forms.ValidationError(user_message(e)) from None


def territories_for(user: Any) -> Any:
    """The root units whose cycles ``user`` may run."""
    allowed = policy.principal(user).territories(policy.Action.MANAGE_CYCLE)
    roots = Unit.objects.current().territories().order_by("name")
    if not isinstance(allowed, policy.Everywhere):
        roots = roots.filter(code__in=allowed)
    return roots


class DateInput(forms.DateInput):
    input_type = "date"

    def format_value(self, value: Any) -> Any:
        return value.isoformat() if hasattr(value, "isoformat") else value


class CycleForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=200,
                           help_text=_("e.g. Diagnosis 2025"))
    territory = forms.ModelChoiceField(label=_("territory"), queryset=Unit.objects.none())
    period = forms.CharField(label=_("period"), max_length=10,
                             help_text=_("2025, 2025-H1, 2025-Q3 or 2025-07"))
    starts_on = forms.DateField(label=_("starts on"), required=False, widget=DateInput())
    ends_on = forms.DateField(label=_("ends on"), required=False, widget=DateInput())

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        territories = territories_for(user)
        field = self.fields["territory"]
        field.queryset = territories  # type: ignore[attr-defined]
        if len(territories) == 1:
            field.initial = territories[0]

    def clean_period(self) -> str:
        return _period(self.cleaned_data["period"])


class RequestForm(forms.Form):
    institution = forms.ModelChoiceField(label=_("institution"),
                                         queryset=Institution.objects.none())
    layout = forms.ChoiceField(label=_("layout"), required=False)
    code_list = forms.ModelChoiceField(label=_("or code list"), required=False,
                                       queryset=CodeList.objects.all())
    period = forms.CharField(label=_("period"), max_length=10, required=False,
                             help_text=_("empty: the cycle's period"))
    due_date = forms.DateField(label=_("due date"), widget=DateInput())

    def __init__(self, *args: Any, cycle: Cycle, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cycle = cycle
        self.fields["institution"].queryset = (  # type: ignore[attr-defined]
            Institution.objects.order_by("name"))
        self.fields["layout"].choices = [("", "—"), *((n, n) for n in LAYOUTS)]

    def clean_period(self) -> str:
        text = self.cleaned_data["period"]
        return _period(text) if text else self.cycle.period

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("layout") and data.get("code_list"):
            raise forms.ValidationError(_("Choose a layout or a code list, not both."))
        return data


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("stage"), choices=Cycle.Stage.choices)
