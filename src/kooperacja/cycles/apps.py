from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CyclesConfig(AppConfig):
    name = "kooperacja.cycles"
    verbose_name = _("Diagnosis cycles")
