"""The site's URLs plus this app's, until the lead mounts them in kooperacja.urls."""

from __future__ import annotations

from django.urls import include, path

from kooperacja.urls import urlpatterns as site

urlpatterns = [path("records/", include("kooperacja.records.urls")), *site]
