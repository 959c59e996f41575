from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AddressesConfig(AppConfig):
    name = "kooperacja.addresses"
    verbose_name = _("Address register")

    def ready(self) -> None:
        from kooperacja.addresses import receivers  # noqa: F401  (connects the signal handlers)
