from __future__ import annotations

from django.urls import path

from kooperacja.records import audit_views, views

app_name = "records"
urlpatterns = [
    path("upload/", views.upload, name="upload"),
    path("submissions/<int:pk>/", views.submission, name="submission"),
    path("submissions/<int:pk>/progress.json", views.progress, name="progress"),
    path("audyt/", audit_views.audit_log, name="audit"),
]
