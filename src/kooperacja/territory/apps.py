from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritoryConfig(AppConfig):
    name = "kooperacja.territory"
    verbose_name = _("Territory")

    def ready(self) -> None:
        from kooperacja.territory import receivers  # noqa: F401  (connects the signal handlers)
