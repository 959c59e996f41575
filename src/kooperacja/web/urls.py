from __future__ import annotations

from django.urls import path

from kooperacja.web import views

app_name = "web"
urlpatterns = [
    path("", views.public_map, name="map"),
    path("favicon.ico", views.favicon, name="favicon"),
]
