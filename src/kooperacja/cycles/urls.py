from __future__ import annotations

from django.urls import path

from kooperacja.cycles import views

app_name = "cycles"
urlpatterns = [
    path("", views.index, name="index"),
    path("nowy/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/prosba/", views.add_request, name="request"),
    path("<int:pk>/etap/", views.stage, name="stage"),
]
