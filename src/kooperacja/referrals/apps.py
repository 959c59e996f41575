from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "kooperacja.referrals"
    verbose_name = _("Checks before referral")


# The header's link to /sprawdz/ (web/templates/web/base.html): its words live in this app's
# catalogue.
NAV_LABEL = _("Check a client")
