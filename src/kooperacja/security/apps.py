from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "kooperacja.security"
    verbose_name = _("security")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from kooperacja.security.sessions import start_session

        user_logged_in.connect(start_session, dispatch_uid="kooperacja-session-start")
