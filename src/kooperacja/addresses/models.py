"""The address register (PRG points), each point's unit at every level, and the review
queue of addresses that could not be matched."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kooperacja.territory.models import Generation, Level, Unit


class RegisterImport(models.Model):
    """One run of ``import-addresses``: what came in and what it changed."""

    file_name = models.CharField(_("file name"), max_length=255)
    format = models.CharField(_("format"), max_length=20, blank=True)
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    points = models.PositiveIntegerField(_("points in the file"), default=0)
    new = models.PositiveIntegerField(_("new"), default=0)
    changed = models.PositiveIntegerField(_("changed"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    retired = models.PositiveIntegerField(_("retired"), default=0)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("register import")
        verbose_name_plural = _("register imports")

    def __str__(self) -> str:
        return f"{self.file_name} {self.started_at:%Y-%m-%d %H:%M}"


SOURCE_ID_UNIQUE = "one_point_per_source_id"


class AddressPointQuerySet(models.QuerySet["AddressPoint"]):
    def active(self) -> AddressPointQuerySet:
        return self.filter(retired_at__isnull=True)


class AddressPoint(models.Model):
    """An address point of the state register (PRG); its pk never changes.

    A point missing from a later import of its gmina is retired, not deleted: records
    geocoded to it keep their place.
    """

    # The source id's unique index (Meta) is the only one besides the key: every other index
    # would be paid for on each of the millions of rows a national import writes, while the
    # queries by gmina or by import run once per import and scan the table in order.
    source_id = models.CharField(_("PRG local id"), max_length=64)
    teryt_gmina = models.CharField(_("TERYT gmina"), max_length=7, blank=True)
    locality = models.CharField(_("locality"), max_length=100)
    simc = models.CharField(_("SIMC id"), max_length=7, blank=True)
    locality_part = models.CharField(_("part of locality"), max_length=100, blank=True)
    street = models.CharField(_("street"), max_length=200, blank=True)
    ulic = models.CharField(_("ULIC id"), max_length=5, blank=True)
    number = models.CharField(_("number"), max_length=20)
    postcode = models.CharField(_("postcode"), max_length=6, blank=True)
    status = models.CharField(_("status"), max_length=40, blank=True)
    x = models.FloatField(_("easting (EPSG:2180)"))
    y = models.FloatField(_("northing (EPSG:2180)"))
    lon = models.FloatField(_("longitude"))
    lat = models.FloatField(_("latitude"))
    register_import = models.ForeignKey(
        RegisterImport, on_delete=models.PROTECT, related_name="+", db_index=False,
        verbose_name=_("last changed by import"),
    )
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)

    objects = AddressPointQuerySet.as_manager()

    class Meta:
        ordering = ["locality", "street", "number"]
        verbose_name = _("address point")
        verbose_name_plural = _("address points")
        # Written as an expression so that every database makes it a named index (a unique
        # field is an automatic index on SQLite, which cannot be dropped): the first import
        # into an empty register drops it and builds it once from the loaded points.
        constraints = [
            models.UniqueConstraint(models.F("source_id"), name=SOURCE_ID_UNIQUE)
        ]

    def __str__(self) -> str:
        where = f"{self.street} {self.number}" if self.street else self.number
        return f"{self.locality}, {where}"


class PointUnit(models.Model):
    """The unit a point lies in, for one boundary generation.

    Rows of earlier generations stay, so counts can be shown on the boundaries they were
    collected on; counting per current unit joins on (generation, point).
    """

    # One index only, the unique (generation, point): counts join on it, and every other
    # index would cost time on each of millions of rows an import writes. Points are
    # retired, never deleted, and units only go with their generation, so the foreign
    # keys need no index of their own.
    point = models.ForeignKey(
        AddressPoint, on_delete=models.CASCADE, related_name="units", db_index=False
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+", db_index=False)
    level = models.ForeignKey(Level, on_delete=models.CASCADE, related_name="+", db_index=False)
    generation = models.ForeignKey(
        Generation, on_delete=models.CASCADE, related_name="+", db_index=False
    )

    class Meta:
        verbose_name = _("unit of an address point")
        verbose_name_plural = _("units of address points")
        constraints = [
            models.UniqueConstraint(fields=["generation", "point"], name="one_unit_per_generation")
        ]


class StreetAlias(models.Model):
    """A street as offices write it, meaning a register street; learnt in the review queue."""

    alias = models.CharField(_("written as"), max_length=200)
    street = models.CharField(_("register street"), max_length=200)
    locality = models.CharField(
        _("locality"), max_length=100, blank=True, help_text=_("blank: in every locality")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["alias"]
        verbose_name = _("street alias")
        verbose_name_plural = _("street aliases")
        constraints = [
            models.UniqueConstraint(fields=["alias", "street", "locality"], name="one_alias")
        ]

    def __str__(self) -> str:
        return f"{self.alias} → {self.street}"


class ReviewItem(models.Model):
    """An address met during a record import that the geocoder could not place.

    It is personal data (a client's address), so it expires after the retention period.
    """

    class Status(models.TextChoices):
        AMBIGUOUS = "ambiguous", _("ambiguous")
        STREET_ONLY = "street_only", _("street found, number not")
        UNMATCHED = "unmatched", _("unmatched")

    text = models.CharField(_("address as written"), max_length=300)
    locality = models.CharField(_("locality as written"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    candidates = models.JSONField(_("candidate points"), default=list, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)
    resolved_point = models.ForeignKey(
        AddressPoint, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("resolved to point"),
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        ordering = ["resolved_at", "-created_at"]
        verbose_name = _("address to review")
        verbose_name_plural = _("addresses to review")

    def __str__(self) -> str:
        return f"{self.text} ({self.locality})" if self.locality else self.text
