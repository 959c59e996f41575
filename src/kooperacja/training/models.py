"""Training and activation: the shared offer of every institution, its recruitment and
results (docs/training.md).

An offer is public. Its applicants are the organising institution's: their names,
contacts, criterion answers and staff's notes are kept encrypted (``training/services/
crypto.py``); only coded fields needed for counts (sex, age band, labour-market status,
education, disability) are kept as codes, and only counts leave the institution.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kooperacja.records.models import Code, Institution

OCCUPATION_CODE = RegexValidator(r"^\d{6}$", _("A KZiS occupation code has 6 digits."))


def quarter_of(day: datetime.date) -> str:
    """``2026-Q2`` for a day in April."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


class Offer(models.Model):
    """A course or activation offer of one institution, public to everyone."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE,
                                    related_name="offers", verbose_name=_("institution"))
    title = models.CharField(_("title"), max_length=300)
    instrument_type = models.ForeignKey(
        Code, on_delete=models.PROTECT, related_name="+",
        limit_choices_to={"code_list__code": "instrument_type"},
        verbose_name=_("instrument type"),
    )
    scope = models.CharField(
        _("scope"), max_length=200,
        help_text=_("what it teaches or offers, e.g. \"forklift operator\"; offers of the "
                    "same type and scope in one quarter and area are shown as duplicates"))
    occupation_code = models.CharField(_("occupation code (KZiS)"), max_length=6, blank=True,
                                       validators=[OCCUPATION_CODE])
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    address = models.CharField(_("address"), max_length=300, blank=True)
    locality = models.CharField(_("locality"), max_length=100, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    # Level code → unit code of the current generations, where the point lies.
    units = models.JSONField(_("units"), default=dict, blank=True)
    area = models.CharField(
        _("area"), max_length=40, blank=True,
        help_text=_("code of the district (or other unit) it serves; found from the place "
                    "when left empty"))
    capacity = models.PositiveIntegerField(_("capacity"), validators=[MinValueValidator(1)])
    target_group = models.CharField(_("target group"), max_length=300, blank=True)
    # [{"code": "unemployed", "label": "Osoba bezrobotna"}, …]
    criteria = models.JSONField(_("eligibility criteria"), default=list, blank=True,
                                help_text=_('e.g. [{"code": "unemployed", "label": '
                                            '"registered as unemployed"}]'))
    funding = models.CharField(_("funding"), max_length=300, blank=True)
    target_women = models.PositiveIntegerField(_("target: women completing"), null=True,
                                               blank=True)
    target_men = models.PositiveIntegerField(_("target: men completing"), null=True, blank=True)
    recruiting = models.BooleanField(_("recruitment open"), default=True)
    is_public = models.BooleanField(_("public"), default=True)
    source_id = models.CharField(_("id in the source"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["starts_on", "title", "id"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")

    def __str__(self) -> str:
        return self.title

    @property
    def quarter(self) -> str:
        return quarter_of(self.starts_on)

    @property
    def located(self) -> bool:
        return self.lon is not None and self.lat is not None

    @property
    def criterion_codes(self) -> list[str]:
        return [str(c.get("code", "")) for c in self.criteria if isinstance(c, dict)]


class Sex(models.TextChoices):
    WOMAN = "K", _("woman")
    MAN = "M", _("man")


class AgeBand(models.TextChoices):
    """The bands ESF monitoring reports by."""

    UNDER_25 = "<25", _("under 25")
    MIDDLE = "25-54", _("25-54")
    OVER_54 = "55+", _("55 and over")


class LabourStatus(models.TextChoices):
    UNEMPLOYED = "unemployed", _("unemployed")
    LONG_TERM = "long_term_unemployed", _("long-term unemployed")
    INACTIVE = "inactive", _("economically inactive")
    EMPLOYED = "employed", _("employed")


class Education(models.TextChoices):
    """ISCED levels as ESF monitoring groups them."""

    PRIMARY = "isced_0_2", _("primary or lower secondary (ISCED 0-2)")
    SECONDARY = "isced_3_4", _("upper secondary or post-secondary (ISCED 3-4)")
    HIGHER = "isced_5_8", _("higher (ISCED 5-8)")


class Outcome(models.TextChoices):
    EMPLOYED = "employed", _("employed within 3 months")
    SELF_EMPLOYED = "self_employed", _("self-employed within 3 months")
    EDUCATION = "education", _("in education or training within 3 months")
    SEEKING = "seeking", _("looking for work")
    NONE = "none", _("none of these")


OUTCOMES_COUNTED = (Outcome.EMPLOYED, Outcome.SELF_EMPLOYED, Outcome.EDUCATION)


class Applicant(models.Model):
    """One application to one offer, and what became of it."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("applied")
        QUALIFIED = "qualified", _("qualified")
        REJECTED = "rejected", _("not qualified")
        SELECTED = "selected", _("selected")
        RESERVE = "reserve", _("on the reserve list")
        RESIGNED = "resigned", _("resigned")
        NOT_STARTED = "not_started", _("did not start")

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="applicants",
                              verbose_name=_("offer"))
    # Name, contact, birth year, answers to the criteria: encrypted (crypto.py).
    sealed = models.TextField(_("personal data (encrypted)"))
    # A keyed hash of the e-mail or phone within the offer: a second application from the
    # same contact is marked for staff, never told to the person who applies.
    contact_key = models.CharField(max_length=64, db_index=True, blank=True)
    repeated = models.BooleanField(_("repeated application"), default=False)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    age_band = models.CharField(_("age band"), max_length=5, choices=AgeBand.choices)
    labour_status = models.CharField(_("labour-market status"), max_length=25,
                                     choices=LabourStatus.choices)
    education = models.CharField(_("education"), max_length=10, choices=Education.choices)
    disability = models.BooleanField(_("disability"), default=False)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.APPLIED)
    score = models.IntegerField(_("score"), null=True, blank=True)
    applied_at = models.DateTimeField(_("applied at"), auto_now_add=True)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    completed = models.BooleanField(_("completed"), default=False)
    outcome = models.CharField(_("outcome"), max_length=15, choices=Outcome.choices,
                               blank=True)
    promoted_at = models.DateTimeField(_("moved up from the reserve list"), null=True,
                                       blank=True)

    class Meta:
        ordering = ["offer", "applied_at", "id"]
        verbose_name = _("applicant")
        verbose_name_plural = _("applicants")

    def __str__(self) -> str:
        return f"{self.offer_id}/{self.pk}"


class CriterionCheck(models.Model):
    """Staff's verification of one criterion of one applicant."""

    applicant = models.ForeignKey(Applicant, on_delete=models.CASCADE, related_name="checks")
    criterion = models.CharField(_("criterion"), max_length=60)
    met = models.BooleanField(_("met"))
    sealed_note = models.TextField(_("note (encrypted)"), blank=True)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    checked_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["applicant", "criterion"],
                                               name="one_check_per_criterion")]


class Session(models.Model):
    """One meeting of an offer, for attendance."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="sessions",
                              verbose_name=_("offer"))
    day = models.DateField(_("day"))
    topic = models.CharField(_("topic"), max_length=200, blank=True)

    class Meta:
        ordering = ["day", "id"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return f"{self.day} {self.topic}".strip()


class Attendance(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    applicant = models.ForeignKey(Applicant, on_delete=models.CASCADE, related_name="attendance")
    present = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "applicant"],
                                               name="one_attendance_per_session")]
