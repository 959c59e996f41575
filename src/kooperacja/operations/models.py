"""What running an installation needs to remember: live task workers and the key's fingerprint."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Worker(models.Model):
    """A running task worker (`kooperacja db_worker`), which stamps ``seen_at`` while alive."""

    worker_id = models.CharField(_("worker id"), max_length=64, unique=True)
    host = models.CharField(_("host"), max_length=255)
    pid = models.PositiveIntegerField(_("process id"))
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    seen_at = models.DateTimeField(_("last seen"), db_index=True)

    class Meta:
        verbose_name = _("task worker")
        verbose_name_plural = _("task workers")

    def __str__(self) -> str:
        return f"{self.host}:{self.pid}"


class KeyFingerprint(models.Model):
    """The fingerprint of the pseudonym key this database's pseudonyms were made with.

    One row at most. The fingerprint is a keyed hash of a fixed text: it tells whether a
    key belongs to the database and reveals nothing of the key.
    """

    fingerprint = models.CharField(_("fingerprint"), max_length=64)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("pseudonym key fingerprint")
        verbose_name_plural = _("pseudonym key fingerprints")

    def __str__(self) -> str:
        return self.fingerprint
