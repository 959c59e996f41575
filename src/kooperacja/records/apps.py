from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "kooperacja.records"
    verbose_name = _("Institutions' submissions")

    def ready(self) -> None:
        from kooperacja.records import audit_receivers, receivers  # noqa: F401  (connect handlers)
