"""The wizard's forms: the kind and file, then the columns of that kind of file."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kooperacja.imports.models import ImportJob, Kind
from kooperacja.records.forms import MAX_UPLOAD_BYTES, offer_institutions
from kooperacja.records.models import Institution
from kooperacja.resources.models import ResourceKind
from kooperacja.territory.models import Level

VALUE_PREFIX = "value__"


class StartForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind of data"), choices=Kind.choices)
    institution = forms.ModelChoiceField(
        Institution.objects.none(), label=_("institution"), required=False,
        help_text=_("whose counts or places these are (partner aggregates and resources "
                    "only)"))
    file = forms.FileField(label=_("file"), help_text=_(
        "boundaries: GeoPackage, Shapefile (ZIP), GeoJSON or GML; aggregates: CSV or XLSX; "
        "the register: PRG GML, CSV or ZIP; resources: CSV, XLSX, GeoPackage, "
        "Shapefile or GeoJSON; population: CSV or XLSX; TERC: XML or CSV; public "
        "statistics: CSV or XLSX as downloaded from BDL or a regional centre"))

    def __init__(self, *args: Any, kinds: list[tuple[str, Any]],
                 institutions: QuerySet[Institution], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Every kind is accepted (the view refuses, audited, what the role may not
        # import); only the allowed ones are offered.
        self.fields["kind"].widget.choices = kinds
        offer_institutions(self.fields["institution"], institutions)

    def clean_file(self) -> Any:
        file = self.cleaned_data["file"]
        if file.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than the limit."))
        return file

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == Kind.AGGREGATES and not data.get("institution"):
            self.add_error("institution", _("Choose the institution whose counts these are."))
        if data.get("kind") == Kind.RESOURCES and not data.get("institution"):
            self.add_error("institution", _("Choose the institution that keeps these places."))
        return data


def _field_choices(job: ImportJob, blank: bool = False) -> list[tuple[str, str]]:
    fields = [(f, f) for f in job.detected.get("fields", [])]
    return [("", "—"), *fields] if blank else fields


class MappingForm(forms.Form):
    """The columns of ``job``'s file for its kind, first offered as saved last time."""

    def __init__(self, *args: Any, job: ImportJob, saved: dict[str, Any],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.job = job
        levels = [("", "—"), *Level.objects.values_list("code", "name")]
        if job.kind == Kind.BOUNDARIES:
            self.fields["level"] = forms.SlugField(
                label=_("level code"), max_length=40,
                help_text=_("an existing level (its new generation) or a new one"))
            self.fields["level_name"] = forms.CharField(
                label=_("level name"), max_length=100, required=False,
                help_text=_("as the map shows it, e.g. Dzielnice (a new level only)"))
            self.fields["valid_from"] = forms.DateField(
                label=_("valid from"), required=False,
                help_text=_("the date the boundaries apply from (today when empty)"),
                widget=forms.DateInput(attrs={"type": "date"}))
            self.fields["code_field"] = forms.ChoiceField(label=_("code field"),
                                                          choices=_field_choices(job))
            self.fields["name_field"] = forms.ChoiceField(label=_("name field"),
                                                          choices=_field_choices(job))
            self.fields["parent_field"] = forms.ChoiceField(
                label=_("parent field"), choices=_field_choices(job, blank=True),
                required=False, help_text=_("the parent unit's code, if the file has it"))
            self.fields["parent_level"] = forms.ChoiceField(
                label=_("parent level"), choices=levels, required=False)
            self.fields["crs"] = forms.CharField(
                label=_("coordinate reference system"), required=False, max_length=40,
                help_text=_("only when the file declares none or a wrong one, e.g. EPSG:2180"))
        elif job.kind == Kind.AGGREGATES:
            self.fields["unit_field"] = forms.ChoiceField(label=_("unit code column"),
                                                          choices=_field_choices(job))
            self.fields["period"] = forms.CharField(
                label=_("period"), max_length=10, help_text=_("2025, 2025-H1, 2025-Q3 or 2025-07"))
            self.fields["code_list"] = forms.SlugField(label=_("code list"), max_length=40)
            self.fields["level"] = forms.ChoiceField(label=_("level of the units"),
                                                     choices=levels, required=False)
            for i, column in enumerate(job.detected.get("fields", [])):
                self.fields[f"{VALUE_PREFIX}{i}"] = forms.CharField(
                    label=_("code counted in column %(column)s") % {"column": column},
                    required=False, max_length=40)
        elif job.kind == Kind.POPULATION:
            self.fields["level"] = forms.ChoiceField(
                label=_("level of the units"), choices=levels, required=False,
                help_text=_("when the same codes are used on more than one level"))
            self.fields["year"] = forms.IntegerField(
                label=_("year"), required=False, min_value=1800, max_value=2200,
                help_text=_("the year of every figure, for a file without a year column"))
        elif job.kind == Kind.STATISTICS:
            self.fields["source"] = forms.ChoiceField(
                label=_("source"), choices=[("bdl", _("GUS Local Data Bank (BDL)")),
                                            ("mrpips03", _("MRPiPS-03 social assistance"))])
            self.fields["variable"] = forms.ChoiceField(
                label=_("what the BDL file holds"), required=False,
                choices=[("", "—"), ("population", _("population by sex and age")),
                         ("unemployment", _("registered unemployment"))])
            self.fields["year"] = forms.IntegerField(
                label=_("year"), required=False, min_value=1800, max_value=2200,
                help_text=_("only this year's figures; for a file without a year, the "
                            "year of every figure"))
        elif job.kind == Kind.TERC:
            pass  # the register's columns are fixed (WOJ, POW, GMI, RODZ, NAZWA, STAN_NA)
        elif job.kind == Kind.RESOURCES:
            self.fields["kind"] = forms.ChoiceField(
                label=_("kind of resource"), required=False,
                choices=[("", "—"), *((k.code, str(k)) for k in ResourceKind.objects.all())],
                help_text=_("for the rows without a kind of their own (required when the "
                            "file has no kind column)"))
            self.fields["name_field"] = forms.ChoiceField(
                label=_("name column"), choices=_field_choices(job, blank=True),
                required=False, help_text=_("when it is not called name or nazwa"))
            self.fields["crs"] = forms.CharField(
                label=_("coordinate reference system"), required=False, max_length=40,
                help_text=_("only when a point file declares none, e.g. EPSG:2180"))
        else:
            self.fields["crs"] = forms.CharField(
                label=_("coordinate reference system"), required=False, max_length=40,
                help_text=_("only when the file declares none, e.g. EPSG:2180"))
        self.initial.update(self._initial(saved))

    def _initial(self, saved: dict[str, Any]) -> dict[str, Any]:
        initial = {k: v for k, v in saved.items() if k in self.fields}
        codes = dict(saved.get("values", []))
        for i, column in enumerate(self.job.detected.get("fields", [])):
            if column in codes:
                initial[f"{VALUE_PREFIX}{i}"] = codes[column]
        return initial

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.job.kind == Kind.AGGREGATES:
            fields = self.job.detected.get("fields", [])
            values = [(fields[int(k[len(VALUE_PREFIX):])], v.strip()) for k, v in data.items()
                      if k.startswith(VALUE_PREFIX) and v and v.strip()]
            if not values:
                raise forms.ValidationError(_("Give the code counted in at least one column."))
            data["values"] = values
        if (self.job.kind == Kind.STATISTICS and data.get("source") == "bdl"
                and not data.get("variable")):
            self.add_error("variable", _("Say what the BDL file holds."))
        return data

    def mapping(self) -> dict[str, Any]:
        """The mapping as the services take it (and as it is saved)."""
        return {k: (v.isoformat() if hasattr(v, "isoformat") else v)
                for k, v in self.cleaned_data.items() if not k.startswith(VALUE_PREFIX)}
