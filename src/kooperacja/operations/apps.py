from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Running an installation: the site with its task worker, files, retention, backups."""

    name = "kooperacja.operations"
    verbose_name = _("Operations")
