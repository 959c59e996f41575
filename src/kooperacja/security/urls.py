from __future__ import annotations

from django.urls import path

from kooperacja.security import views

app_name = "security"
urlpatterns = [
    path("", views.verify, name="verify"),
    path("konfiguracja/", views.setup, name="setup"),
]
