from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritoryConfig(AppConfig):
    name = "kooperacja.territory"
    verbose_name = _("Territory")

    def ready(self) -> None:
        from kooperacja import policy
        from kooperacja.territory import receivers  # noqa: F401  (connects the signal handlers)
        from kooperacja.territory.services.scopes import covered_territories

        policy.use_territory_cover(covered_territories)
