from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kooperacja.core.errors import UserError
from kooperacja.core.submissions.layouts import LAYOUTS
from kooperacja.messages import user_message
from kooperacja.records.models import Institution
from kooperacja.records.services.parameters import ImportParameters
from kooperacja.territory.models import Level

MAX_UPLOAD_BYTES = 200 * 1024 * 1024

# What a partner reads in the upload form for each of the core's layouts; a layout added to
# the core without a name here shows its code.
LAYOUT_NAMES = {
    "mops": _("MOPS extract: one row per person"),
    "pup": _("PUP extract: one row per person"),
    "aggregate": _("counts by unit (already aggregated)"),
}


def layout_choices() -> list[tuple[str, Any]]:
    return [(name, LAYOUT_NAMES.get(name, name)) for name in LAYOUTS]


def offer_institutions(field: forms.ModelChoiceField, institutions: QuerySet[Institution]
                       ) -> None:
    """Offer ``institutions`` in ``field``, with the only one already chosen when there is
    one (a partner works for one institution)."""
    field.queryset = institutions
    if institutions.count() == 1:
        field.initial = institutions.get()


class UploadForm(forms.Form):
    """An extract sent on the web; its parameters are checked by ``ImportParameters``, as the
    command line's are, and ``cleaned_data["params"]`` holds them."""

    institution = forms.ModelChoiceField(Institution.objects.none(), label=_("institution"))
    period = forms.CharField(label=_("period"), max_length=10,
                             help_text=_("2025, 2025-H1, 2025-Q3 or 2025-07"))
    layout = forms.ChoiceField(label=_("layout"), choices=layout_choices)
    level = forms.ModelChoiceField(
        Level.objects.all(),
        label=_("level of the units"),
        required=False,
        help_text=_("level of the units, when codes repeat across levels"),
    )
    strict = forms.BooleanField(label=_("reject the file on any bad row"), required=False)
    file = forms.FileField(label=_("file (CSV or XLSX)"))

    def __init__(self, *args: Any, institutions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer_institutions(self.fields["institution"], institutions)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if {"institution", "period", "layout"} <= set(data):
            try:
                data["params"] = ImportParameters.check(
                    data["institution"], data["period"], data["layout"],
                    strict=data.get("strict", False), level=data.get("level"))
            except UserError as e:
                raise forms.ValidationError(user_message(e)) from None
        return data

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 200 MB."))
        if not upload.name.lower().endswith((".csv", ".txt", ".xlsx", ".xlsm")):
            raise forms.ValidationError(_("Send a CSV or XLSX file."))
        return upload
