from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kooperacja.core.submissions.periods import Period, PeriodError, parse_period
from kooperacja.messages import user_message
from kooperacja.records.models import Institution, Submission

MAX_UPLOAD_BYTES = 200 * 1024 * 1024


class UploadForm(forms.Form):
    institution = forms.ModelChoiceField(Institution.objects.none(), label=_("institution"))
    period = forms.CharField(label=_("period"), max_length=10,
                             help_text=_("2025, 2025-H1, 2025-Q3 or 2025-07"))
    layout = forms.ChoiceField(label=_("layout"), choices=Submission.Layout.choices)
    strict = forms.BooleanField(label=_("reject the file on any bad row"), required=False)
    file = forms.FileField(label=_("file (CSV or XLSX)"))

    def __init__(self, *args: Any, institutions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = institutions

    def clean_period(self) -> Period:
        try:
            return parse_period(self.cleaned_data["period"])
        except PeriodError as e:
            raise forms.ValidationError(user_message(e)) from None

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 200 MB."))
        if not upload.name.lower().endswith((".csv", ".txt", ".xlsx", ".xlsm")):
            raise forms.ValidationError(_("Send a CSV or XLSX file."))
        return upload
