from __future__ import annotations

from django.urls import path

from kooperacja.programmes import views

app_name = "programmes"
urlpatterns = [
    path("programy/", views.programme_list, name="list"),
    path("programy/<int:programme>/", views.programme_page, name="programme"),
]
