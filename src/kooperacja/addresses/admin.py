from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kooperacja.addresses.models import AddressPoint, RegisterImport, ReviewItem, StreetAlias
from kooperacja.addresses.services.review import resolve_with_alias, resolve_with_point
from kooperacja.policy import Action
from kooperacja.policy.admin import PolicyAdmin, ReadOnlyPolicyAdmin

# The register changes only through imports, so the admin only shows it (ReadOnlyPolicyAdmin).


@admin.register(AddressPoint)
class AddressPointAdmin(ReadOnlyPolicyAdmin):
    # Those who keep resources pick a resource's point through this list (the lookup beside
    # the resource form's field); the register is public.
    read_action = Action.EDIT_RESOURCE
    list_display = ["locality", "street", "number", "postcode", "teryt_gmina", "source_id",
                    "retired_at"]
    list_filter = [("retired_at", admin.EmptyFieldListFilter), "status"]
    search_fields = ["=source_id", "locality", "street", "=number", "=postcode", "=teryt_gmina"]
    show_full_result_count = False


@admin.register(RegisterImport)
class RegisterImportAdmin(ReadOnlyPolicyAdmin):
    list_display = ["file_name", "format", "started_at", "finished_at", "points", "new",
                    "changed", "unchanged", "retired"]


@admin.register(StreetAlias)
class StreetAliasAdmin(PolicyAdmin):
    list_display = ["alias", "street", "locality", "created_at"]
    search_fields = ["alias", "street", "locality"]


class ReviewItemForm(forms.ModelForm):
    alias_street = forms.CharField(
        label=_("or: the written street means the register street"), required=False,
        help_text=_("The street's name as the register writes it; the geocoder uses the alias "
                    "from then on."),
    )
    learn_alias = forms.BooleanField(
        label=_("remember the written street as an alias of the point's street"),
        required=False, initial=True,
    )

    class Meta:
        model = ReviewItem
        fields = ["resolved_point"]

    def clean_alias_street(self) -> str:
        street = self.cleaned_data["alias_street"].strip()
        locality = self.instance.locality
        if street:
            points = AddressPoint.objects.active().filter(street=street)
            if locality:
                points = points.filter(locality=locality)
            if not points.exists():
                raise forms.ValidationError(_("The register has no such street here."))
        return street


@admin.register(ReviewItem)
class ReviewItemAdmin(PolicyAdmin):
    form = ReviewItemForm
    list_display = ["text", "locality", "status", "created_at", "expires_at", "resolved_at"]
    list_filter = ["status", ("resolved_at", admin.EmptyFieldListFilter)]
    search_fields = ["text", "locality"]
    readonly_fields = ["text", "locality", "status", "created_at", "expires_at", "resolved_at"]
    raw_id_fields = ["resolved_point"]
    change_form_template = "admin/addresses/reviewitem/change_form.html"

    addable = False  # rows come in through their import, never typed in

    def save_model(self, request: HttpRequest, obj: ReviewItem, form: forms.Form,
                   change: bool) -> None:
        street = form.cleaned_data.get("alias_street")
        if street:
            resolve_with_alias(obj, street, obj.locality)
        elif obj.resolved_point is not None:
            resolve_with_point(obj, obj.resolved_point, form.cleaned_data.get("learn_alias", False))
        else:
            obj.save()

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "",
                    extra_context: dict | None = None) -> Any:
        item = self.get_object(request, object_id)
        points = AddressPoint.objects.filter(pk__in=item.candidates if item else [])
        candidates = [{"id": p.pk, "label": str(p), "lon": p.lon, "lat": p.lat} for p in points]
        extra = {**(extra_context or {}), "candidates": candidates}
        return super().change_view(request, object_id, form_url, extra)
