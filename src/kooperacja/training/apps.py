from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "kooperacja.training"
    label = "training"
    verbose_name = _("Training and activation")
    default_auto_field = "django.db.models.BigAutoField"
