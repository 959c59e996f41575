"""Institutions, their people, code lists, submissions, the pseudonymised records they
hold, counts per unit and the audit log.

No model holds a name, a PESEL or an address as written: a record keeps the pseudonyms
of its person and family and the register point its address matched.
"""

from __future__ import annotations

from typing import Any, Self, TypeVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kooperacja.addresses.models import AddressPoint
from kooperacja.core.submissions.layouts import LAYOUTS
from kooperacja.policy import Role
from kooperacja.territory.models import Level, Unit


class Institution(models.Model):
    """An office or partner that sends extracts, with the basis on which it shares them."""

    class Kind(models.TextChoices):
        MOPS = "mops", _("social assistance centre (MOPS/OPS)")
        PUP = "pup", _("labour office (PUP)")
        SCHOOL = "school", _("school")
        POLICE = "police", _("police")
        COURT = "court", _("court")
        HEALTH = "health", _("health care")
        NGO = "ngo", _("non-governmental organisation")
        OTHER = "other", _("other")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    territory = models.ForeignKey(
        Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("territory"),
        help_text=_("the city or gmina whose data the institution holds"),
    )
    agreement = models.CharField(_("data-sharing agreement"), max_length=200, blank=True)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    retention_months = models.PositiveSmallIntegerField(_("retention [months]"), null=True,
                                                        blank=True)
    column_mapping = models.JSONField(
        _("column mapping"), default=dict, blank=True,
        help_text=_('our field → the header in the institution\'s files, '
                    'e.g. {"pesel": "Nr ewid."}'),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Membership(models.Model):
    """A user working for an institution in one role."""

    Role = Role

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships",
        verbose_name=_("user"),
    )
    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="members",
                                    verbose_name=_("institution"))
    role = models.CharField(_("role"), max_length=15, choices=Role.choices)
    territory = models.ForeignKey(
        Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("territory"),
        help_text=_("an analyst's territory when it is not the institution's"),
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "institution"], name="one_role_per_institution")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.institution.code}: {self.role}"


class CodeList(models.Model):
    """A list of codes (reasons for assistance, PUP categories, …), kept as data."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    label_pl = models.CharField(_("label (Polish)"), max_length=200)
    label_en = models.CharField(_("label (English)"), max_length=200)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("code list")
        verbose_name_plural = _("code lists")

    def __str__(self) -> str:
        return self.code


class Code(models.Model):
    """One code with its labels, the variants offices write, and when it was in force."""

    code_list = models.ForeignKey(CodeList, on_delete=models.CASCADE, related_name="codes",
                                  verbose_name=_("code list"))
    code = models.CharField(_("code"), max_length=40)
    label_pl = models.CharField(_("label (Polish)"), max_length=300)
    label_en = models.CharField(_("label (English)"), max_length=300)
    aliases = models.JSONField(_("aliases"), default=list, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    instrument_type = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        limit_choices_to={"code_list__code": "instrument_type"},
        verbose_name=_("instrument type"),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["code_list", "id"]
        verbose_name = _("code")
        verbose_name_plural = _("codes")
        constraints = [
            models.UniqueConstraint(fields=["code_list", "code"], name="code_once_per_list")
        ]

    def __str__(self) -> str:
        return f"{self.code_list.code}:{self.code} {self.label_pl}"


_Rows = TypeVar("_Rows", "SubmissionQuerySet", "CountQuerySet[Any]")
_Counted = TypeVar("_Counted", bound="_PerUnit")


def _of(found: _Rows, period: str | None, institution: Institution | int | None) -> _Rows:
    """``found`` narrowed to ``period`` and ``institution`` where they are given."""
    if period is not None:
        found = found.filter(period=period)
    if institution is not None:
        found = found.filter(institution=institution)
    return found


def approval_required(audience: str) -> bool:
    """Whether ``audience`` sees approved submissions only: the public ("public": the
    public map, the public API, public reports) does while the setting
    ``KOOPERACJA_PUBLISH_REQUIRES_APPROVAL`` is on (the default); analysts see a submission
    as soon as it is imported. The one place of this rule (docs/cycle.md)."""
    return audience == "public" and bool(
        getattr(settings, "KOOPERACJA_PUBLISH_REQUIRES_APPROVAL", True))


class SubmissionQuerySet(models.QuerySet["Submission"]):
    def seen_by(self, audience: str) -> SubmissionQuerySet:
        """The submissions ``audience`` may see values of (:func:`approval_required`)."""
        return self.filter(review=Submission.Review.APPROVED) if approval_required(audience) \
            else self

    def active(self, period: str | None = None,
               institution: Institution | int | None = None) -> SubmissionQuerySet:
        """The submissions whose records and counts are in use (one per institution and
        period; a later import replaces it), of one period and one institution if given."""
        return _of(self.filter(status=Submission.Status.ACTIVE), period, institution)

    def in_progress(self) -> SubmissionQuerySet:
        """The submissions queued or importing (their uploaded files still needed)."""
        return self.filter(status__in=Submission.IN_PROGRESS)

    def finished(self) -> SubmissionQuerySet:
        """The submissions imported, replaced, rejected or failed."""
        return self.exclude(status__in=Submission.IN_PROGRESS)


class Submission(models.Model):
    """One extract an institution sent for a period, and what became of it.

    Exactly one submission of an institution and period is ``active``; a new one
    replaces it in one transaction once all its records are staged.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("importing")
        ACTIVE = "active", _("imported")
        REPLACED = "replaced", _("replaced by a later submission")
        REJECTED = "rejected", _("rejected")
        FAILED = "failed", _("failed")

    IN_PROGRESS = (Status.QUEUED, Status.RUNNING)

    class Review(models.TextChoices):
        PENDING = "pending", _("awaiting the data steward")
        APPROVED = "approved", _("approved")
        WITHDRAWN = "withdrawn", _("withdrawn")

    institution = models.ForeignKey(Institution, on_delete=models.PROTECT,
                                    related_name="submissions", verbose_name=_("institution"))
    period = models.CharField(_("period"), max_length=10)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    # The core's registry of layouts (core/submissions/layouts.py) gives the choices.
    layout = models.CharField(_("layout"), max_length=10, choices=[(n, n) for n in LAYOUTS])
    # For counts per unit: the level of the file's units, when its codes are on several.
    level = models.ForeignKey(
        Level, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("level of the units"),
    )
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    upload_path = models.CharField(_("uploaded file"), max_length=500, blank=True)
    strict = models.BooleanField(_("strict"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.QUEUED)
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    rows_total = models.PositiveIntegerField(_("rows in the file"), null=True, blank=True)
    rows_imported = models.PositiveIntegerField(_("rows imported"), default=0)
    rows_rejected = models.PositiveIntegerField(_("rows rejected"), default=0)
    addresses_matched = models.PositiveIntegerField(_("addresses matched"), default=0)
    addresses_unmatched = models.PositiveIntegerField(_("addresses not matched"), default=0)
    # Row, column header, reason and messages only: never what a cell held.
    rejections = models.JSONField(_("rejected rows"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("sent by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last progress"), auto_now=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # The institution's data steward vouches for the extract (or withdraws it).
    review = models.CharField(_("review"), max_length=10, choices=Review.choices,
                              default=Review.PENDING)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "period"], condition=models.Q(status="active"),
                name="one_active_submission_per_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.institution.code} {self.period} ({self.get_status_display()})"

    # Errors the code sets, stored as these words and shown in the reader's language.
    INTERRUPTED = "interrupted"
    UNEXPECTED = "unexpected"

    @property
    def finished(self) -> bool:
        return self.status not in self.IN_PROGRESS

    @property
    def error_text(self) -> str:
        """The error for the report page: an import's own message, or what went wrong."""
        if self.error == self.INTERRUPTED:
            return str(_("The import was interrupted (the background worker stopped). The "
                         "file was deleted; please send it again."))
        if self.error == self.UNEXPECTED or (self.status == self.Status.FAILED and not self.error):
            return str(_("The import failed on an unexpected error and the file was deleted. "
                         "Please send it again; if it fails again, tell the administrator."))
        return self.error


class Record(models.Model):
    """One person in one submission: pseudonyms, the matched address point, the period,
    and the person's sex and age band at the end of the period (derived from the PESEL or
    the birth date at import; empty when neither was given)."""

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="records", db_index=False
    )
    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    period = models.CharField(_("period"), max_length=10)
    row = models.PositiveIntegerField(_("row in the file"))
    person = models.CharField(_("person pseudonym"), max_length=32)
    family = models.CharField(_("family pseudonym"), max_length=32, null=True, blank=True)
    point = models.ForeignKey(
        AddressPoint, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        db_index=False, verbose_name=_("address point"),
    )
    geocode_status = models.CharField(_("geocoding"), max_length=12)
    sex = models.CharField(_("sex"), max_length=1, null=True, blank=True)
    age_band = models.CharField(_("age band"), max_length=5, null=True, blank=True)

    class Meta:
        verbose_name = _("record")
        verbose_name_plural = _("records")
        constraints = [
            models.UniqueConstraint(fields=["submission", "row"], name="one_record_per_row")
        ]


class RecordCode(models.Model):
    """A code a record carries (a reason, a form of support, a category, …)."""

    # No database constraints on this table: an import writes two or three codes per
    # record, all of them from its submission and the stored code lists, and on
    # PostgreSQL each key's check of each row took a quarter of a 50,000-row import
    # (docs/benchmarks.md, "National scale"). Django still cascades and protects.
    # Kept on the row so a submission's codes are found and deleted without a join.
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="+",
                                   db_constraint=False)
    # Without a constraint SQLite also need not scan this table for every record a
    # replaced submission deletes; codes always go first, by submission.
    record = models.ForeignKey(
        Record, on_delete=models.CASCADE, related_name="codes", db_index=False, db_constraint=False
    )
    code_list = models.ForeignKey(CodeList, on_delete=models.PROTECT, related_name="+",
                                  db_index=False, db_constraint=False)
    code = models.ForeignKey(Code, on_delete=models.PROTECT, related_name="+", db_index=False,
                             db_constraint=False)

    class Meta:
        verbose_name = _("code of a record")
        verbose_name_plural = _("codes of records")


class CountQuerySet(models.QuerySet[_Counted]):
    def active(self, period: str | None = None,
               institution: Institution | int | None = None) -> Self:
        """The counts of active submissions (see :meth:`SubmissionQuerySet.active`)."""
        return _of(self.filter(submission__status=Submission.Status.ACTIVE), period, institution)

    def seen_by(self, audience: str) -> Self:
        """The counts of submissions ``audience`` may see (:func:`approval_required`)."""
        return self.filter(submission__review=Submission.Review.APPROVED) \
            if approval_required(audience) else self


class _PerUnit(models.Model):
    """What a count per unit holds, with or without the split by sex and age."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    level = models.ForeignKey(Level, on_delete=models.CASCADE, related_name="+", db_index=False)
    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(_("period"), max_length=10)
    code_list = models.ForeignKey(
        CodeList, on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    code = models.ForeignKey(
        Code, on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    persons = models.PositiveIntegerField(_("persons"))
    families = models.PositiveIntegerField(_("families"), null=True, blank=True)

    class Meta:
        abstract = True


class UnitCount(_PerUnit):
    """Persons and families of an institution per unit, code and period.

    ``code_list`` and ``code`` empty: everyone the institution placed in the unit.
    ``families`` is empty for aggregate submissions, which give one count only.
    """

    objects = CountQuerySet["UnitCount"].as_manager()

    class Meta:
        verbose_name = _("count per unit")
        verbose_name_plural = _("counts per unit")
        indexes = [models.Index(fields=["institution", "period"], name="unitcount_inst_period")]


class UnitCountBreakdown(_PerUnit):
    """A :class:`UnitCount` split by sex and age band: persons and families of an
    institution per unit, code, period, sex and age band (bands of
    ``kooperacja.core.submissions.demography``).

    ``sex`` or ``age_band`` empty (NULL): not known. The persons of one unit and code add up
    over the sexes and bands to the UnitCount's persons (each person has one sex and band);
    families do not (a family with members in two bands is in both). Only person-level
    submissions have breakdowns: aggregate submissions give one count per unit and code.
    """

    sex = models.CharField(_("sex"), max_length=1, null=True, blank=True)
    age_band = models.CharField(_("age band"), max_length=5, null=True, blank=True)

    objects = CountQuerySet["UnitCountBreakdown"].as_manager()

    class Meta:
        verbose_name = _("count per unit by sex and age")
        verbose_name_plural = _("counts per unit by sex and age")
        indexes = [models.Index(fields=["institution", "period"], name="breakdown_inst_period")]


class AppendOnlyError(Exception):
    """An attempt to change or delete an audit event."""


class AuditQuerySet(models.QuerySet):
    """Events are appended, never changed or removed (docs/security.md, "Audit")."""

    def update(self, **kwargs: object) -> int:
        raise AppendOnlyError("audit events cannot be changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("audit events cannot be deleted")


class AuditEvent(models.Model):
    """Who did what, when and from where: logins, denials, reads, exports, checks and
    administrative changes.

    Append only. Each event stores the hash of its content and of the previous event
    (``previous_hash``), so a changed, removed or inserted row breaks the chain that
    ``kooperacja audit-verify`` walks. Events are written by
    :func:`kooperacja.records.services.audit.record_event` only.
    """

    class Action(models.TextChoices):
        UPLOAD = "upload", _("upload")
        VIEW = "view", _("view")
        EXPORT = "export", _("export")
        RECORD_READ = "record_read", _("record-level read")
        LOGIN = "login", _("login")
        LOGIN_FAILED = "login_failed", _("failed login")
        LOCKOUT = "lockout", _("lockout")
        DENIED = "denied", _("permission denied")
        DISCLOSURE_CHECK = "disclosure_check", _("disclosure check")
        ADMIN_ADD = "admin_add", _("administrative addition")
        ADMIN_CHANGE = "admin_change", _("administrative change")
        ADMIN_DELETE = "admin_delete", _("administrative deletion")
        REVIEW = "review", _("submission approved or withdrawn")
        RETENTION = "retention", _("deleted at the end of retention")
        # Written by the pages of the cooperation, cycles and programmes apps.
        CREATE = "create", _("added")
        CHANGE = "change", _("changed")
        DELETE = "delete", _("deleted")
        ARCHIVE = "archive", _("archived")
        REMIND = "remind", _("reminder sent")
        # The import wizard (imports/).
        IMPORT_UPLOAD = "import_upload", _("import: file sent")
        IMPORT_CHECK = "import_check", _("import: dry run")
        IMPORT_CONFIRM = "import_confirm", _("import: confirmed")
        IMPORT = "import", _("import")
        IMPORT_CANCEL = "import_cancel", _("import: cancelled")
        IMPORT_FAILED = "import_failed", _("import: failed")
        IMPORT_REFUSED = "import_refused", _("import: refused")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("user"),
    )
    # The account name as it was, or "cli:<system user>" for the command line. The chain
    # covers this name, not ``user``, which a deleted account leaves empty.
    actor = models.CharField(_("who"), max_length=150)
    action = models.CharField(_("what"), max_length=20, choices=Action.choices)
    object_type = models.CharField(_("object type"), max_length=40)
    object_id = models.CharField(_("object"), max_length=100, blank=True)
    address = models.GenericIPAddressField(_("from"), null=True, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    previous_hash = models.CharField(_("previous event's hash"), max_length=64, blank=True)
    hash = models.CharField(_("hash"), max_length=64, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return (f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.object_type} "
                f"{self.object_id}")

    def save(self, *args: object, **kwargs: object) -> None:
        if not self._state.adding:
            raise AppendOnlyError("audit events cannot be changed")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("audit events cannot be deleted")


class AuditChainHead(models.Model):
    """The one row that orders audit writers: each takes it ``FOR UPDATE``, links its event
    to ``hash`` and moves it on, in one transaction."""

    hash = models.CharField(max_length=64, blank=True)
    last_event_id = models.BigIntegerField(null=True)

    class Meta:
        verbose_name = _("audit chain head")
        default_permissions = ()
