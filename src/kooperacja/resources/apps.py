from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "kooperacja.resources"
    label = "resources"
    verbose_name = _("Resources")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kooperacja.resources import receivers  # noqa: F401  (connects the signal handlers)
