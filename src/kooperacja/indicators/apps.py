from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "kooperacja.indicators"
    verbose_name = _("Indicators")

    def ready(self) -> None:
        from kooperacja.indicators import receivers  # noqa: F401  (connects the signal handlers)
