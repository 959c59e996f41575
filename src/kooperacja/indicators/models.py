"""Indicator definitions and the partners' aggregate counts they may draw on."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kooperacja.records.models import Institution
from kooperacja.territory.models import Level, Unit


class Indicator(models.Model):
    """A rate: numerator counts per ``per`` of a denominator, per unit and period.

    The numerator sums counts of ``numerator_codes`` of ``numerator_code_list`` (records'
    counts per unit and imported aggregates alike), or, with ``numerator_overlap``, the
    persons served by institutions of both kinds.  The denominator is population (all, or
    one sex, or some age bands) or, like the numerator, counts of codes.  Counts of codes
    and overlaps may be narrowed to one sex and some age bands as well (``numerator_sex``,
    ``numerator_age_bands``; for a denominator of counts ``denominator_sex`` and
    ``denominator_age_bands``): the records' sex and band, from the PESEL or birth date.
    """

    class Counted(models.TextChoices):
        PERSONS = "persons", _("persons")
        FAMILIES = "families", _("families")

    class Denominator(models.TextChoices):
        POPULATION = "population", _("population")
        COUNTS = "counts", _("counts of codes")

    class Interval(models.TextChoices):
        POISSON = "poisson", _("Poisson (a rate among residents)")
        WILSON = "wilson", _("Wilson (a share of the denominator)")

    code = models.SlugField(_("id"), max_length=60, unique=True)
    name_pl = models.CharField(_("name (Polish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    description_pl = models.TextField(_("description (Polish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    numerator_code_list = models.SlugField(_("numerator code list"), max_length=40, blank=True)
    numerator_codes = models.JSONField(_("numerator codes"), default=list, blank=True)
    numerator_institution = models.SlugField(
        _("numerator institution"), max_length=40, blank=True,
        help_text=_("institution code; empty: every institution"),
    )
    numerator_overlap = models.JSONField(
        _("overlap of institution kinds"), default=list, blank=True,
        help_text=_('two institution kinds, e.g. ["mops", "pup"]: persons served by both'),
    )
    numerator_sex = models.CharField(_("numerator sex"), max_length=1, blank=True,
                                     help_text=_("K or M; empty: both"))
    numerator_age_bands = models.JSONField(_("numerator age bands"), default=list, blank=True)
    denominator = models.CharField(
        _("denominator"), max_length=12, choices=Denominator.choices, default=Denominator.POPULATION
    )
    denominator_sex = models.CharField(_("sex"), max_length=1, blank=True)
    denominator_age_bands = models.JSONField(_("age bands"), default=list, blank=True)
    denominator_code_list = models.SlugField(_("denominator code list"), max_length=40, blank=True)
    denominator_codes = models.JSONField(_("denominator codes"), default=list, blank=True)
    denominator_institution = models.SlugField(_("denominator institution"), max_length=40,
                                               blank=True)
    per = models.FloatField(_("per"), default=1000)
    counted = models.CharField(_("counted"), max_length=8, choices=Counted.choices,
                               default=Counted.PERSONS)
    interval = models.CharField(
        _("confidence interval"), max_length=8, choices=Interval.choices, default=Interval.POISSON
    )
    public = models.BooleanField(_("public"), default=False)
    protect_zeros = models.BooleanField(
        _("protect zeros"), default=False,
        help_text=_("hide a zero like a small count wherever a neighbouring unit of the same "
                    "parent is hidden (rare, sensitive problems)"),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=100)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return f"{self.code}: {self.name_pl}"

    def name(self, language: str) -> str:
        return self.name_en if language == "en" else self.name_pl


class AggregateImport(models.Model):
    """One file of counts per unit delivered by a partner or a statistics office."""

    file_name = models.CharField(_("file name"), max_length=255)
    checksum = models.CharField(_("content checksum"), max_length=64)
    period = models.CharField(_("period"), max_length=10)
    code_list = models.SlugField(_("code list"), max_length=40)
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("institution"),
    )
    level = models.ForeignKey(Level, on_delete=models.PROTECT, related_name="+")
    rows = models.PositiveIntegerField(_("rows"))
    created_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("aggregate import")
        verbose_name_plural = _("aggregate imports")

    def __str__(self) -> str:
        return f"{self.file_name} {self.period} {self.code_list}"


class Aggregate(models.Model):
    """A count per unit, code and period, given (or summed up to a coarser level)."""

    source = models.ForeignKey(AggregateImport, on_delete=models.CASCADE, related_name="counts")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(_("period"), max_length=10)
    code_list = models.SlugField(_("code list"), max_length=40)
    code = models.CharField(_("code"), max_length=40)
    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    count = models.PositiveIntegerField(_("count"))

    class Meta:
        verbose_name = _("aggregate count")
        verbose_name_plural = _("aggregate counts")
        indexes = [models.Index(fields=["code_list", "period"], name="aggregate_list_period")]


class PublicationInputs(models.Model):
    """One row: the version of everything published values are computed from, moved on
    after each change that commits (indicators/receivers.py)."""

    version = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("version of the published values' inputs")
        default_permissions = ()


class PublishedValues(models.Model):
    """The published output of an indicator at one level, period and audience (the API's
    JSON body), computed once per version of its inputs and served as stored."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    level = models.CharField(_("level"), max_length=40)
    period = models.CharField(_("period"), max_length=10)
    audience = models.CharField(_("audience"), max_length=10)
    classification = models.CharField(_("classification"), max_length=20)
    language = models.CharField(_("language"), max_length=8)
    # The territories computed over, as a digest of their codes (inputs.scope_key): ""
    # for the whole installation.
    scope = models.CharField(_("territories"), max_length=32, blank=True, default="")
    inputs_version = models.PositiveBigIntegerField()
    body = models.TextField()
    etag = models.CharField(max_length=64)
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("published values")
        verbose_name_plural = _("published values")
        default_permissions = ()
        constraints = [models.UniqueConstraint(
            fields=["indicator", "level", "period", "audience", "classification", "language",
                    "scope"],
            name="published_values_key")]
