"""Programmes a territory runs (a strategy, a family-support or prevention programme, a
project) with their objectives, actions and measurable targets; each target gets a value
per period (from a Kooperacja indicator or typed in) and a traffic light
(``services/monitoring.py``). A programme is archived, never deleted."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kooperacja.indicators.models import Indicator
from kooperacja.records.models import Institution
from kooperacja.resources.models import Resource
from kooperacja.territory.models import Unit


class Programme(models.Model):
    class Kind(models.TextChoices):
        STRATEGY = "strategy", _("strategy")
        FAMILY = "family", _("family-support programme")
        PREVENTION = "prevention", _("prevention programme")
        PROJECT = "project", _("project")

    name = models.CharField(_("name"), max_length=250)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    territory = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("territory"),
                                  help_text=_("the city or gmina the programme is for"))
    year_from = models.PositiveSmallIntegerField(_("first year"))
    year_until = models.PositiveSmallIntegerField(_("last year"))
    description = models.TextField(_("description"), blank=True)
    is_public = models.BooleanField(_("public"), default=False,
                                    help_text=_("shown to everyone on /programy/"))
    archived = models.BooleanField(_("archived"), default=False)

    class Meta:
        ordering = ["-year_from", "name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return f"{self.name} ({self.year_from}–{self.year_until})"


class Objective(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE,
                                  related_name="objectives", verbose_name=_("programme"))
    title = models.CharField(_("title"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=1)

    class Meta:
        ordering = ["programme", "order", "id"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


class Action(models.Model):
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="actions",
                                  verbose_name=_("objective"))
    title = models.CharField(_("title"), max_length=300)
    responsible = models.ForeignKey(Institution, on_delete=models.PROTECT, null=True,
                                    blank=True, related_name="+",
                                    verbose_name=_("responsible institution"))
    budget = models.DecimalField(_("budget [PLN]"), max_digits=14, decimal_places=2,
                                 null=True, blank=True)
    resources = models.ManyToManyField(Resource, blank=True, related_name="+",
                                       verbose_name=_("linked resources"))

    class Meta:
        ordering = ["objective", "id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return self.title


class Target(models.Model):
    class Direction(models.TextChoices):
        UP = "up", _("up (more is better)")
        DOWN = "down", _("down (less is better)")

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="targets",
                                  verbose_name=_("objective"))
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name=_("indicator"))
    level = models.CharField(_("level"), max_length=40, blank=True,
                             help_text=_("the level of the unit; empty: the territory"))
    unit_code = models.CharField(_("unit code"), max_length=40, blank=True,
                                 help_text=_("empty: the programme's territory"))
    measure = models.CharField(_("manual measure"), max_length=250, blank=True,
                               help_text=_("the name of a measure typed in each period, "
                                           "when no indicator is chosen"))
    baseline_period = models.CharField(_("baseline period"), max_length=10)
    baseline = models.FloatField(_("baseline value"))
    target = models.FloatField(_("target value"))
    target_year = models.PositiveSmallIntegerField(_("target year"))
    direction = models.CharField(_("direction"), max_length=4, choices=Direction.choices)
    areas = models.CharField(_("area unit codes"), max_length=500, blank=True,
                             help_text=_("comma-separated codes of the units it aims at"))

    class Meta:
        ordering = ["objective", "id"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if self.indicator is None:
            return self.measure
        return self.indicator.name(get_language() or "pl")


class TargetValue(models.Model):
    class Source(models.TextChoices):
        AUTO = "auto", _("automatic (indicator)")
        MANUAL = "manual", _("entered")

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="values",
                               verbose_name=_("target"))
    period = models.CharField(_("period"), max_length=10)
    value = models.FloatField(_("value"))
    source = models.CharField(_("source"), max_length=6, choices=Source.choices,
                              default=Source.MANUAL)

    class Meta:
        ordering = ["target", "period"]
        verbose_name = _("target value")
        verbose_name_plural = _("target values")
        constraints = [models.UniqueConstraint(fields=["target", "period"],
                                               name="programmes_one_value_per_period")]

    def __str__(self) -> str:
        return f"{self.period}: {self.value}"
