from __future__ import annotations

from django.urls import path

from kooperacja.referrals import views

app_name = "referrals"
urlpatterns = [
    path("", views.check, name="check"),
]
