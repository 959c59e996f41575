from __future__ import annotations

from django.urls import path

from kooperacja.web import views

app_name = "web"
urlpatterns = [
    path("", views.public_map, name="map"),
    path("obszar/<slug:level>/<str:code>/", views.unit_page, name="unit"),
    path("mapa/pobierz/", views.map_download, name="map-download"),
    path("region/", views.region_page, name="region"),
    path("region/pobierz/", views.region_download, name="region-download"),
    path("favicon.ico", views.favicon, name="favicon"),
]
