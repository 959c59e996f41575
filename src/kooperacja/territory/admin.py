from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from kooperacja.policy import Action
from kooperacja.policy.admin import PolicyAdmin
from kooperacja.territory.models import Generation, Level, Population, TercUnit, Unit


@admin.register(Level)
class LevelAdmin(PolicyAdmin):
    list_display = ["code", "name", "rank"]
    list_editable = ["name", "rank"]


@admin.register(Generation)
class GenerationAdmin(PolicyAdmin):
    list_display = ["level", "valid_from", "is_current", "source", "created_at", "unit_count"]
    list_filter = ["level", "is_current"]
    readonly_fields = ["level", "source", "checksum", "created_at"]

    @admin.display(description=_("units"))
    def unit_count(self, obj: Generation) -> int:
        return obj.units.count()


class PopulationInline(admin.TabularInline):
    model = Population
    extra = 0


@admin.register(Unit)
class UnitAdmin(PolicyAdmin):
    # Those who keep resources pick a resource's service area through this list.
    read_action = Action.EDIT_RESOURCE
    list_display = ["code", "name", "level", "parent", "area_km2", "generation"]
    list_filter = ["level", "generation__is_current"]
    search_fields = ["code", "name", "teryt"]
    readonly_fields = ["generation", "level", "territory", "geometry", "area_km2"]
    raw_id_fields = ["parent"]
    inlines = [PopulationInline]


@admin.register(Population)
class PopulationAdmin(PolicyAdmin):
    list_display = ["unit", "year", "sex", "age_band", "count", "method", "estimated"]
    list_filter = ["year", "sex", "unit__level", "method", "estimated"]
    search_fields = ["unit__code", "unit__name"]
    raw_id_fields = ["unit"]


@admin.register(TercUnit)
class TercUnitAdmin(PolicyAdmin):
    list_display = ["code", "name", "kind", "valid_on"]
    list_filter = ["kind", "valid_on"]
    search_fields = ["code", "name"]
