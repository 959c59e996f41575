"""Spatial units in a hierarchy, their boundary generations and population."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.Model):
    """A kind of unit: city, district, estate, grid cell, gmina, …"""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    # Smaller is coarser: the city comes before its districts, districts before estates.
    rank = models.PositiveSmallIntegerField(_("rank"), default=100)

    class Meta:
        ordering = ["rank", "code"]
        verbose_name = _("level")
        verbose_name_plural = _("levels")

    def __str__(self) -> str:
        return self.name


class GenerationQuerySet(models.QuerySet["Generation"]):
    def current(self) -> GenerationQuerySet:
        return self.filter(is_current=True)


class Generation(models.Model):
    """One version of a level's boundaries, valid from a date.

    A changed boundary file becomes a new generation; the old one stays so data collected
    on it can still be shown on the boundaries it was collected on.
    """

    level = models.ForeignKey(Level, on_delete=models.PROTECT, related_name="generations",
                              verbose_name=_("level"))
    valid_from = models.DateField(_("valid from"))
    is_current = models.BooleanField(_("current"), default=True)
    source = models.CharField(_("source file"), max_length=255)
    checksum = models.CharField(_("content checksum"), max_length=64)
    created_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    objects = GenerationQuerySet.as_manager()

    class Meta:
        ordering = ["level__rank", "-valid_from", "-id"]
        verbose_name = _("boundary generation")
        verbose_name_plural = _("boundary generations")
        constraints = [
            models.UniqueConstraint(
                fields=["level"], condition=models.Q(is_current=True), name="one_current_generation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.level} {self.valid_from:%Y-%m-%d}"


class UnitQuerySet(models.QuerySet["Unit"]):
    def current(self) -> UnitQuerySet:
        return self.filter(generation__is_current=True)

    def territories(self) -> UnitQuerySet:
        """The units that are territories: their own ``territory``
        (territory/services/scopes.py)."""
        return self.filter(territory_id=models.F("pk"))


class Unit(models.Model):
    """A spatial unit of one boundary generation; geometry kept as GeoJSON in WGS84."""

    generation = models.ForeignKey(Generation, on_delete=models.CASCADE, related_name="units",
                                   verbose_name=_("boundary generation"))
    level = models.ForeignKey(Level, on_delete=models.PROTECT, related_name="units",
                              verbose_name=_("level"))
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="children",
        verbose_name=_("parent unit"),
    )
    # The root of the hierarchy this unit belongs to (the city or gmina); a root is its own.
    territory = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("territory"),
    )
    teryt = models.CharField(_("TERYT code"), max_length=7, blank=True)
    geometry = models.TextField(_("geometry (GeoJSON, WGS84)"))
    area_km2 = models.FloatField(_("area [km²]"))

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["level__rank", "code"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(fields=["generation", "code"], name="unit_code_per_generation")
        ]
        indexes = [models.Index(fields=["level", "code"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Population(models.Model):
    """Residents of a unit in a year; sex and age band blank for the total.

    ``method`` says where a figure comes from: given for the unit, read from a population
    grid, or spread over the address points from the enclosing units' figures (dasymetric,
    ``estimated``). Estimates are recomputed whenever their sources change; they never
    add up into a coarser unit.
    """

    class Sex(models.TextChoices):
        ALL = "", _("all")
        FEMALE = "K", _("women")
        MALE = "M", _("men")

    class Method(models.TextChoices):
        GIVEN = "", _("given for the unit")
        GRID = "grid", _("population grid")
        DASYMETRIC = "dasymetric", _(
            "estimate: spread over the address points of the enclosing unit"
        )

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="population",
                             verbose_name=_("unit"))
    year = models.PositiveSmallIntegerField(_("year"))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True, default="")
    age_band = models.CharField(_("age band"), max_length=10, blank=True, default="")
    count = models.PositiveIntegerField(_("residents"))
    method = models.CharField(_("method"), max_length=12, choices=Method.choices, blank=True,
                              default="")
    estimated = models.BooleanField(_("estimate"), default=False)

    class Meta:
        ordering = ["unit", "year", "sex", "age_band"]
        verbose_name = _("population")
        verbose_name_plural = _("population")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "sex", "age_band"], name="one_population_figure"
            )
        ]


class TercUnit(models.Model):
    """An entry of the TERC register: voivodeship, county or gmina."""

    code = models.CharField(_("TERC code"), max_length=7)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=60)
    valid_on = models.DateField(_("register state on"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("TERC register entry")
        verbose_name_plural = _("TERC register")
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_on"], name="terc_code_per_state")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name} ({self.kind})"


class PublicInputs(models.Model):
    """One row: the version of everything the public site's stored answers show (units,
    population, indicators' periods, resources), moved on after each change that commits
    (territory/answers.py)."""

    version = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name = _("version of the public answers' inputs")
        default_permissions = ()
