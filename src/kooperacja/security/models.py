"""API tokens: an institution's automated uploads without a person's password."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kooperacja.records.models import Institution


class ApiToken(models.Model):
    """A secret that lets a program send one institution's extracts and read their reports.

    Only a SHA-256 digest is kept: the token itself is shown once, when issued.
    """

    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="api_tokens",
        verbose_name=_("institution"),
    )
    name = models.CharField(_("what it is for"), max_length=100)
    prefix = models.CharField(_("beginning of the token"), max_length=12, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("issued by"), editable=False,
    )
    created_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["institution", "-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.institution.code}: {self.name} ({self.prefix}…)"

    @property
    def active(self) -> bool:
        return self.revoked_at is None
