from __future__ import annotations

from django.urls import path

from kooperacja.catalogue import views

app_name = "catalogue"
urlpatterns = [
    path("", views.index, name="index"),
    path("katalog/pobierz/", views.download_catalogue, name="download"),
]
