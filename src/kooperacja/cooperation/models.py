"""The cooperation around the data (issue 18, parts 1 and 2): the partnership register
(institutions' contact persons, agreements with their parties and signed scans) and the
teams (members, meetings with attendance, minutes and decisions, tasks from decisions).

A team is never deleted: deleting it archives it (``archived``), so its meetings and
decisions stay on record. Scans and founding acts are kept in the data directory
(``MEDIA_ROOT``: ``files/`` in it, with no URL of its own) and served only through views
that check access.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kooperacja.records.models import Institution
from kooperacja.territory.models import Unit


class ContactPerson(models.Model):
    """A member of an institution's staff to contact about the cooperation (not a client)."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="contacts",
                                    verbose_name=_("institution"))
    name = models.CharField(_("name"), max_length=200)
    function = models.CharField(_("function"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        ordering = ["institution__name", "name"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self) -> str:
        return f"{self.name} ({self.institution.code})"


class Agreement(models.Model):
    """A letter of intent, a cooperation agreement or a data-processing agreement."""

    class Kind(models.TextChoices):
        INTENT = "intent", _("letter of intent")
        COOPERATION = "cooperation", _("cooperation agreement")
        PROCESSING = "processing", _("data-processing agreement")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    number = models.CharField(_("number"), max_length=100, blank=True)
    parties = models.ManyToManyField(Institution, related_name="agreements",
                                     verbose_name=_("parties"))
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True,
                                   help_text=_("empty: for an indefinite period"))
    scope = models.TextField(_("scope"), blank=True)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    scan = models.FileField(_("signed scan"), upload_to="agreements/",
                            blank=True)
    is_public = models.BooleanField(
        _("public"), default=False,
        help_text=_("shown with its scan on the public partnership page; letters of intent "
                    "are listed there in any case, their scans only when public"))

    class Meta:
        ordering = ["-signed_on", "title"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return self.title

    def expires_within(self, days: int, today: datetime.date) -> bool:
        return (self.valid_until is not None
                and today <= self.valid_until <= today + datetime.timedelta(days=days))


# Pages under /wspolpraca/ that a team's code would hide.
RESERVED_CODES = frozenset({"partnerstwo", "zadania"})


class TeamQuerySet(models.QuerySet["Team"]):
    def active(self) -> TeamQuerySet:
        return self.filter(archived=False)


class Team(models.Model):
    """A steering committee, a diagnosis team or a cooperation team."""

    class Kind(models.TextChoices):
        STEERING = "steering", _("steering committee")
        DIAGNOSIS = "diagnosis", _("diagnosis team")
        COOPERATION = "cooperation", _("cooperation team")

    code = models.SlugField(_("code"), max_length=60, unique=True,
                            help_text=_("the team's address: /wspolpraca/<code>/"))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    founding_act = models.TextField(_("founding act"), blank=True,
                                    help_text=_("e.g. the mayor's order appointing the team"))
    founding_act_file = models.FileField(_("founding act (file)"), upload_to="teams/",
                                         blank=True)
    term_from = models.DateField(_("term from"), null=True, blank=True)
    term_until = models.DateField(_("term until"), null=True, blank=True)
    territory = models.ForeignKey(Unit, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("territory"))
    archived = models.BooleanField(_("archived"), default=False,
                                   help_text=_("hidden from lists, kept with its history"))

    objects = TeamQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.code in RESERVED_CODES:
            raise ValidationError({"code": _("This address is taken by another page; choose "
                                             "another code.")})
        if self.term_from and self.term_until and self.term_until < self.term_from:
            raise ValidationError({"term_until": _("The term cannot end before it begins.")})


class TeamMember(models.Model):
    """A person in a team: an account, or a named person without one."""

    class Function(models.TextChoices):
        CHAIR = "chair", _("chair")
        COORDINATOR = "coordinator", _("coordinator")
        ANALYST = "analyst", _("analyst")
        MEMBER = "member", _("member")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="members",
                             verbose_name=_("team"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             blank=True, related_name="team_memberships",
                             verbose_name=_("account"))
    name = models.CharField(_("name"), max_length=200, blank=True,
                            help_text=_("for a person without an account"))
    email = models.EmailField(_("e-mail"), blank=True,
                              help_text=_("for notices when the person has no account"))
    institution = models.ForeignKey(Institution, on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="+", verbose_name=_("institution"))
    function = models.CharField(_("function"), max_length=12, choices=Function.choices,
                                default=Function.MEMBER)

    class Meta:
        ordering = ["team", "function", "name", "pk"]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        constraints = [
            models.CheckConstraint(condition=~Q(user=None) | ~Q(name=""),
                                   name="member_is_an_account_or_named"),
            models.UniqueConstraint(fields=["team", "user"], name="one_membership_per_team"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.name:
            return self.name
        if self.user is None:
            return "?"
        return self.user.get_full_name() or self.user.get_username()

    @property
    def address(self) -> str:
        """Where notices go: the account's e-mail, else the member's own."""
        if self.user is not None and self.user.email:
            return str(self.user.email)
        return self.email

    @property
    def manages(self) -> bool:
        return self.function in (self.Function.CHAIR, self.Function.COORDINATOR)


class Meeting(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="meetings",
                             verbose_name=_("team"))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return f"{self.team} {self.starts_at:%Y-%m-%d %H:%M}"


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("present")
        EXCUSED = "excused", _("excused")
        ABSENT = "absent", _("absent")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance",
                                verbose_name=_("meeting"))
    member = models.ForeignKey(TeamMember, on_delete=models.CASCADE, related_name="attendance",
                               verbose_name=_("member"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["meeting", "member"],
                                               name="one_attendance_per_member")]

    def __str__(self) -> str:
        return f"{self.member}: {self.status}"


class Decision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions",
                                verbose_name=_("meeting"))
    text = models.TextField(_("decision"))

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.text[:80]


class Task(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        DONE = "done", _("done")
        CANCELLED = "cancelled", _("cancelled")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="tasks",
                             verbose_name=_("team"))
    decision = models.ForeignKey(Decision, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="tasks", verbose_name=_("decision"))
    title = models.CharField(_("task"), max_length=300)
    owner = models.ForeignKey(TeamMember, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="tasks", verbose_name=_("owner"))
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.OPEN)

    class Meta:
        ordering = ["status", "deadline", "pk"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")

    def __str__(self) -> str:
        return self.title
