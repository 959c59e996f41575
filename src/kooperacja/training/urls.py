from __future__ import annotations

from django.urls import path

from kooperacja.training import views

app_name = "training"
urlpatterns = [
    path("", views.offers, name="offers"),
    path("oferta.geojson", views.offers_geojson, name="offers-geojson"),
    path("wyniki/", views.all_results, name="results"),
    path("wyniki.<str:fmt>", views.all_results_download, name="results-download"),
    path("uczestnicy-efs.<str:fmt>", views.all_participants_download,
         name="participants-download"),
    path("<int:offer>/", views.offer, name="offer"),
    path("<int:offer>/zgloszenie/", views.apply, name="apply"),
    path("<int:offer>/rekrutacja/", views.recruitment_page, name="recruitment"),
    path("<int:offer>/rekrutacja/<int:applicant>/", views.applicant, name="applicant"),
    path("<int:offer>/wyniki/", views.offer_results, name="offer-results"),
    path("<int:offer>/wyniki.<str:fmt>", views.results_download, name="offer-results-download"),
    path("<int:offer>/uczestnicy-efs.<str:fmt>", views.participants_download,
         name="offer-participants-download"),
]
