"""Resources that counter social problems: facilities, services, organisations.

A resource's address is its own public address (never a person's); it is geocoded
through the register, or given as a point.
"""

from __future__ import annotations

import calendar
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kooperacja.addresses.models import AddressPoint
from kooperacja.core.links import WEB_SCHEMES, is_safe_link
from kooperacja.territory.models import Unit

DEFAULT_STALE_MONTHS = 12


def stale_months() -> int:
    return int(getattr(settings, "KOOPERACJA_RESOURCE_STALE_MONTHS", DEFAULT_STALE_MONTHS))


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` earlier (the month's last day where it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return datetime.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def stale_before(today: datetime.date | None = None) -> datetime.date:
    """Entries last verified before this date are stale."""
    return months_before(today or timezone.localdate(), stale_months())


class ResourceKind(models.Model):
    """A kind of resource (shelter, soup kitchen, …); kept as data, labels in both languages."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    label_pl = models.CharField(_("label (Polish)"), max_length=200)
    label_en = models.CharField(_("label (English)"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("kind of resource")
        verbose_name_plural = _("kinds of resources")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.label_en if (get_language() or "pl").startswith("en") else self.label_pl


class ResourceQuerySet(models.QuerySet["Resource"]):
    def public(self) -> ResourceQuerySet:
        return self.filter(is_public=True)

    def stale(self, today: datetime.date | None = None) -> ResourceQuerySet:
        return self.filter(models.Q(last_verified__isnull=True)
                           | models.Q(last_verified__lt=stale_before(today)))

    def located(self) -> ResourceQuerySet:
        return self.filter(lon__isnull=False, lat__isnull=False)


WEBSITE_NOT_A_PAGE = _("Give the website as an address starting with http:// or https://.")


class Resource(models.Model):
    """One facility or service, owned (kept up to date) by one institution."""

    name = models.CharField(_("name"), max_length=300)
    kind = models.ForeignKey(ResourceKind, on_delete=models.PROTECT, related_name="resources",
                             verbose_name=_("kind"))
    problems = models.ManyToManyField(
        "records.Code", blank=True, related_name="+", verbose_name=_("problems addressed"),
        help_text=_("codes of the reasons for assistance (or other code lists) it works on"),
    )
    target_groups = models.JSONField(_("target groups"), default=list, blank=True,
                                     help_text=_('e.g. ["children", "seniors"]'))
    description = models.TextField(_("description"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    locality = models.CharField(_("locality"), max_length=100, blank=True)
    postcode = models.CharField(_("postcode"), max_length=6, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    address_point = models.ForeignKey(
        AddressPoint, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("register address point"),
    )
    # Level code → unit code of the current generations, where the point lies.
    units = models.JSONField(_("units"), default=dict, blank=True)
    phone = models.CharField(_("phone"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=300, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True,
        help_text=_("places, or people served a day, as the provider states it"),
    )
    service_area = models.ForeignKey(
        Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("service area"), help_text=_("the unit it serves, if it serves one only"),
    )
    owner = models.ForeignKey(
        "records.Institution", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="resources", verbose_name=_("owner institution"),
    )
    source = models.CharField(_("source"), max_length=255, blank=True)
    source_id = models.CharField(_("id in the source"), max_length=100, blank=True)
    last_verified = models.DateField(_("last verified"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("verified by"),
    )
    is_public = models.BooleanField(_("public"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        indexes = [models.Index(fields=["source", "source_id"], name="resource_source")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.website and not is_safe_link(self.website, WEB_SCHEMES):
            raise ValidationError({"website": WEBSITE_NOT_A_PAGE})

    @property
    def is_stale(self) -> bool:
        return self.last_verified is None or self.last_verified < stale_before()

    @property
    def located(self) -> bool:
        return self.lon is not None and self.lat is not None
