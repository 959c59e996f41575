from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from kooperacja.api import api

admin.site.site_header = "Kooperacja"
admin.site.site_title = "Kooperacja"

urlpatterns = [
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("dane/import/", include("kooperacja.imports.urls")),
    path("dane/", include("kooperacja.catalogue.urls")),
    path("dane/", include("kooperacja.records.urls")),
    path("zasoby/", include("kooperacja.resources.urls")),
    path("oferta/", include("kooperacja.training.urls")),
    path("raporty/", include("kooperacja.reports.urls")),
    path("cykl/", include("kooperacja.cycles.urls")),
    path("konto/", include("kooperacja.accounts.urls")),
    path("konto/drugi-skladnik/", include("kooperacja.security.urls")),
    path("sprawdz/", include("kooperacja.referrals.urls")),
    path("", include("kooperacja.cooperation.urls")),
    path("", include("kooperacja.programmes.urls")),
    path("", include("kooperacja.web.urls")),
]
