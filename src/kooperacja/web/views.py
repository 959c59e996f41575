from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from kooperacja.territory.models import Level, Unit


def public_map(request: HttpRequest) -> HttpResponse:
    """The public map: current units of every level, shaded by population density."""
    levels = [
        {"code": level.code, "name": level.name}
        for level in Level.objects.all()
        if Unit.objects.current().filter(level=level).exists()
    ]
    return render(request, "web/map.html", {
        "levels": levels,
        "map_config": {
            "levels": levels,
            "tileUrl": settings.KOOPERACJA_TILE_URL,
            "tileAttribution": settings.KOOPERACJA_TILE_ATTRIBUTION,
            "unitsUrl": "/api/v1/units",
        },
        "map_text": {
            "density": _("residents per km²"),
            "residents": _("residents"),
            "noData": _("no data"),
            "units": _("units"),
            "caption": _("Population density by %(level)s"),
            "loadError": _("The map data could not be loaded. Try again later."),
        },
    })
