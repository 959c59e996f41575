from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "kooperacja.catalogue"
    verbose_name = _("Data catalogue")
