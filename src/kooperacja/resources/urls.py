from __future__ import annotations

from django.urls import path

from kooperacja.resources import views

app_name = "resources"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("w-poblizu/", views.near, name="near"),
    path("eksport.csv", views.export_csv, name="export-csv"),
    path("eksport.xlsx", views.export_xlsx, name="export-xlsx"),
    path("eksport.geojson", views.export_geojson, name="export-geojson"),
    path("<int:pk>/", views.detail, name="detail"),
]
