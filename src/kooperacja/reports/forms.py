from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kooperacja import policy
from kooperacja.core.errors import UserError
from kooperacja.core.submissions.periods import parse_period
from kooperacja.messages import user_message
from kooperacja.reports.models import SavedReport
from kooperacja.reports.services.document import TEMPLATES
from kooperacja.territory.models import Unit

NARRATIVE_MAX = 20_000


def territories_for(user: Any) -> list[tuple[str, str]]:
    """(code, label) of the territories whose reports ``user`` may draft."""
    allowed = policy.principal(user).territories(policy.Action.DRAFT_REPORT)
    roots = Unit.objects.current().territories().order_by("name")
    if not isinstance(allowed, policy.Everywhere):
        roots = roots.filter(code__in=allowed)
    return [(u.code, f"{u.name} ({u.code})") for u in roots]


def periods_with_data() -> list[str]:
    """The periods of the active submissions, latest first (offered on the form)."""
    from kooperacja.records.models import Submission

    found = Submission.objects.filter(status=Submission.Status.ACTIVE).values_list(
        "period", flat=True
    )
    return sorted(set(found), reverse=True)


def _period(text: str) -> str:
    try:
        return parse_period(text).label
    except UserError as e:
        raise forms.ValidationError(user_message(e)) from None


class GenerateForm(forms.Form):
    template = forms.ChoiceField(label=_("template"))
    territory = forms.ChoiceField(label=_("territory"))
    period = forms.CharField(
        label=_("period"), max_length=10, help_text=_("2025, 2025-H1, 2025-Q3 or 2025-07")
    )
    since = forms.CharField(
        label=_("compare with the period (optional)"),
        max_length=10,
        required=False,
        help_text=_("e.g. 2023: change since then"),
    )
    audience = forms.ChoiceField(
        label=_("audience"),
        choices=SavedReport.Audience.choices,
        initial=SavedReport.Audience.PUBLIC,
        help_text=_(
            "a report for analysts shows values below the public threshold and cannot be published"
        ),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.periods = periods_with_data()
        for name in ("period", "since"):
            self.fields[name].widget.attrs["list"] = "report-periods"
        if self.periods:
            self.fields["period"].initial = self.periods[0]
        self.fields["template"].choices = [(k, gettext(v)) for k, v in TEMPLATES.items()]
        territories = territories_for(user)
        self.fields["territory"].choices = territories
        if len(territories) == 1:
            self.fields["territory"].initial = territories[0][0]

    def clean_period(self) -> str:
        return _period(self.cleaned_data["period"])

    def clean_since(self) -> str:
        since = self.cleaned_data.get("since", "").strip()
        return _period(since) if since else ""

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (
            data.get("since")
            and data.get("period")
            and parse_period(data["since"]).start >= parse_period(data["period"]).start
        ):
            self.add_error("since", gettext("Compare with an earlier period."))
        if (
            data.get("audience") == SavedReport.Audience.ANALYST
            and data.get("territory")
            and not policy.allows(
                self.user, policy.Action.ANALYST_VIEW, territory=data["territory"]
            )
        ):
            self.add_error("audience", gettext("You may not see the analysts' values here."))
        return data


class NarrativeForm(forms.Form):
    chapter = forms.CharField(widget=forms.HiddenInput, max_length=80)
    text = forms.CharField(
        label=_("narrative"),
        required=False,
        max_length=NARRATIVE_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
