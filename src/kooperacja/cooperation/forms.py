from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kooperacja.cooperation.models import Attendance, Meeting, Task, TeamMember


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class MeetingForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Meeting
        fields = ["starts_at", "ends_at", "place", "agenda", "minutes"]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "agenda": forms.Textarea(attrs={"rows": 5}),
            "minutes": forms.Textarea(attrs={"rows": 8}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("The meeting cannot end before it starts."))
        return data


class AttendanceForm(forms.Form):
    """One choice per member of the team."""

    def __init__(self, *args: Any, members: list[TeamMember], current: dict[int, str],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("not recorded")), *Attendance.Status.choices]
        for member in members:
            self.fields[f"member_{member.pk}"] = forms.ChoiceField(
                label=member.display_name, choices=choices, required=False,
                initial=current.get(member.pk, ""))

    def statuses(self) -> dict[int, str]:
        return {int(name.removeprefix("member_")): value
                for name, value in self.cleaned_data.items()}


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 3}))
    task = forms.CharField(label=_("Task from the decision (optional)"), required=False,
                           max_length=300)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=TeamMember.objects.none(),
                                   required=False)
    deadline = forms.DateField(label=_("Deadline"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = members  # type: ignore[attr-defined]


class TaskStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Task.Status.choices)
