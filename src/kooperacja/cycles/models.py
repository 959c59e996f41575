"""The yearly diagnosis cycle of a territory and the data it asks institutions for.

A cycle names a territory (its root unit), a period and the stage it has reached; a data
request asks one institution for one layout (or code list) of one period by a due date.
A request's status is not stored: it follows the institution's submissions
(``cycles/services/status.py``), so that it never disagrees with them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kooperacja.core.submissions.layouts import LAYOUTS
from kooperacja.records.models import CodeList, Institution
from kooperacja.territory.models import Unit


class Cycle(models.Model):
    """One round of the diagnosis for a territory and period, from plan to publication."""

    class Stage(models.TextChoices):
        PLAN = "plan", _("plan")
        REQUESTS = "requests", _("data requests")
        IMPORTS = "imports", _("imports")
        ANALYSIS = "analysis", _("analysis")
        INTERPRETATION = "interpretation", _("interpretation")
        ACCEPTANCE = "acceptance", _("acceptance")
        PUBLICATION = "publication", _("publication")

    name = models.CharField(_("name"), max_length=200)
    territory = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("territory"),
        help_text=_("the city or gmina the diagnosis is about"),
    )
    period = models.CharField(_("period"), max_length=10,
                              help_text=_("2025, 2025-H1, 2025-Q3 or 2025-07"))
    stage = models.CharField(_("stage"), max_length=15, choices=Stage.choices,
                             default=Stage.PLAN)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-period", "-id"]
        verbose_name = _("diagnosis cycle")
        verbose_name_plural = _("diagnosis cycles")

    def __str__(self) -> str:
        return f"{self.name} ({self.period})"


class DataRequest(models.Model):
    """A cycle asks an institution for a layout (or a code list) of a period by a date."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="requests",
                              verbose_name=_("cycle"))
    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("institution"))
    # The core's registry of layouts gives the choices (core/submissions/layouts.py).
    layout = models.CharField(_("layout"), max_length=10, blank=True,
                              choices=[(n, n) for n in LAYOUTS])
    code_list = models.ForeignKey(
        CodeList, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("code list"), help_text=_("instead of a layout: the counts of a code list"),
    )
    period = models.CharField(_("period"), max_length=10)
    due_date = models.DateField(_("due date"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["institution__name", "period", "id"]
        verbose_name = _("data request")
        verbose_name_plural = _("data requests")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "institution", "layout", "code_list",
                                            "period"], name="one_request_per_layout_and_period"),
        ]

    @property
    def what(self) -> str:
        """The layout asked for, or the code list."""
        return self.layout or (self.code_list.code if self.code_list is not None else "")

    def __str__(self) -> str:
        return f"{self.institution.code} {self.what} {self.period}"
