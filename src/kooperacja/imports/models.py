"""The import wizard's state: one job per uploaded file, and the column mappings offered
again next time (docs/imports.md, "The import wizard")."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """What a file holds; the wizard imports these, the command line the rest."""

    BOUNDARIES = "boundaries", _("boundaries of a level")
    AGGREGATES = "aggregates", _("partner aggregates")
    ADDRESSES = "addresses", _("the address register (PRG)")
    RESOURCES = "resources", _("places of help (resources)")
    POPULATION = "population", _("population by year")
    TERC = "terc", _("the TERC register")
    STATISTICS = "statistics", _("public statistics per gmina (GUS BDL, MRPiPS-03)")


class ImportJob(models.Model):
    """One file going through the wizard: uploaded, checked (dry run), queued, imported."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("uploaded")
        CHECKING = "checking", _("checking (dry run)")
        CHECKED = "checked", _("checked (dry run)")
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("importing")
        DONE = "done", _("imported")
        FAILED = "failed", _("failed")
        CANCELLED = "cancelled", _("cancelled")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.UPLOADED)
    institution = models.ForeignKey("records.Institution", on_delete=models.CASCADE, null=True,
                                    blank=True, verbose_name=_("institution"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("created by"))
    file_name = models.CharField(_("file name"), max_length=255)
    # Empty once the file is gone (imported, failed, cancelled): never kept longer.
    upload_path = models.CharField(_("upload path"), max_length=500, blank=True)
    detected= models.JSONField(_("detected"), default=dict)
    mapping= models.JSONField(_("mapping"), default=dict)
    dry_run= models.JSONField(_("dry run"), default=dict)
    allow_retire = models.BooleanField(_("retirement confirmed"), default=False)
    report= models.JSONField(_("report"), default=dict)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.file_name}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED, self.Status.CANCELLED)


class ColumnMapping(models.Model):
    """The columns a user chose for a kind of file, per institution (none: the
    installation's own files), offered again next time."""

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    institution = models.ForeignKey("records.Institution", on_delete=models.CASCADE, null=True,
                                    blank=True, verbose_name=_("institution"))
    mapping= models.JSONField(_("mapping"), default=dict)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("column mapping")
        verbose_name_plural = _("column mappings")
        constraints = [models.UniqueConstraint(fields=["kind", "institution"],
                                               name="one_mapping_per_kind_and_institution")]
