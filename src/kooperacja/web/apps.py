from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "kooperacja.web"
    verbose_name = _("Web pages")

    def ready(self) -> None:
        from kooperacja.territory.answers import after_change
        from kooperacja.web.services.warm import schedule

        after_change(schedule)
