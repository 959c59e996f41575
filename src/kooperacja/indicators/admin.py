from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from kooperacja.indicators.models import AggregateImport, Indicator
from kooperacja.policy.admin import PolicyAdmin


@admin.register(Indicator)
class IndicatorAdmin(PolicyAdmin):
    list_display = ["code", "name_pl", "numerator_code_list", "denominator", "per", "counted",
                    "public", "position"]
    list_filter = ["public", "denominator", "numerator_code_list"]
    list_editable = ["public", "position"]
    search_fields = ["code", "name_pl", "name_en"]
    fieldsets = [
        (None, {"fields": ["code", "name_pl", "name_en", "description_pl", "description_en",
                           "public", "protect_zeros", "position"]}),
        (_("numerator"), {"fields": ["numerator_code_list", "numerator_codes",
                                     "numerator_institution", "numerator_overlap",
                                     "numerator_sex", "numerator_age_bands", "counted"]}),
        (_("denominator"), {"fields": ["denominator", "denominator_sex", "denominator_age_bands",
                                       "denominator_code_list", "denominator_codes",
                                       "denominator_institution", "per", "interval"]}),
    ]


@admin.register(AggregateImport)
class AggregateImportAdmin(PolicyAdmin):
    list_display = ["file_name", "period", "code_list", "institution", "level", "rows",
                    "created_at"]
    list_filter = ["code_list", "period"]
    readonly_fields = ["file_name", "checksum", "period", "code_list", "institution", "level",
                       "rows", "created_at"]

    addable = False  # aggregates come in through import-aggregates, with their checksum
