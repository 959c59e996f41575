from __future__ import annotations

from django.urls import path

from kooperacja.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("opublikowane/", views.published, name="published"),
    path("opublikowane/<int:pk>/raport.<str:fmt>", views.published_file, name="published-file"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/stan.json", views.progress, name="progress"),
    path("<int:pk>/narracja/", views.narrative, name="narrative"),
    path("<int:pk>/rekomendacje/", views.recommendations, name="recommendations"),
    path("<int:pk>/decyzja/", views.decide, name="decide"),
    path("<int:pk>/ponownie/", views.regenerate, name="regenerate"),
    path("<int:pk>/raport.<str:fmt>", views.download, name="download"),
]
