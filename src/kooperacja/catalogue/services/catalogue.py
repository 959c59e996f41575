"""The data catalogue: every dataset the map is built from, read from what the database
holds (docs/catalogue.md).

One flat list of :class:`Entry` serves the page, the API and the downloads. What a person
sees follows the policy: everyone sees the registers (boundaries and their generations,
population by year, the TERC register, the address register), the public indicators and
the institution and date of each of their inputs (what the public map already says);
those who may see an institution's counts (``VIEW_COUNTS``) see its submissions and
partner aggregates in full (status, review, rows); who imported a submission only those
who may see its reports (``VIEW_SUBMISSION``); the analysts' indicators those who may see
the analysts' view. No file name of an institution's extract ever shows (offices name
them after people).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db.models import Count, Exists, Max, Min, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kooperacja import policy
from kooperacja.addresses.models import AddressPoint, RegisterImport
from kooperacja.indicators.models import Aggregate, AggregateImport, Indicator
from kooperacja.policy import Action
from kooperacja.records.models import Institution, Submission, UnitCount
from kooperacja.resources.models import Resource, ResourceKind, stale_before
from kooperacja.territory.models import Generation, Population, TercUnit

# The sections, in the order the page shows them.
SECTIONS = ("boundaries", "population", "teryt", "addresses", "submissions", "aggregates",
            "requests", "resources", "indicators")
# Sections shown only to those who have something in them (the cycles' requests are the
# cycles' members').
OPTIONAL = ("requests",)
COLUMNS = ("section", "dataset", "source", "period", "updated", "rows", "status", "note",
           "imported_by")


@dataclass(frozen=True)
class Entry:
    """One dataset: what it is, where it comes from, which period it covers, when it was
    last updated, how many rows it holds and its status (``current``, ``retired``, a
    submission's status, ``public``, …)."""

    section: str
    dataset: str
    source: str = ""
    period: str = ""
    updated: str | None = None  # an ISO date or time
    rows: int | None = None
    status: str = ""
    note: str = ""
    imported_by: str | None = None  # only for those who may see it


@dataclass
class Catalogue:
    entries: list[Entry] = field(default_factory=list)
    generated: str = ""
    full: bool = False  # whether any institution's submissions are shown in full

    def section(self, name: str) -> list[Entry]:
        return [e for e in self.entries if e.section == name]

    def rows(self) -> list[dict[str, Any]]:
        return [asdict(e) for e in self.entries]


def build_catalogue(user: Any) -> Catalogue:
    """The catalogue as ``user`` (anonymous: ``None`` or an AnonymousUser) may see it."""
    inputs = public_inputs()
    found = Catalogue(generated=timezone.now().isoformat(timespec="seconds"))
    found.entries += boundaries()
    found.entries += population()
    found.entries += teryt()
    found.entries += address_register()
    shown, full = submissions(user, inputs.submissions)
    found.entries += shown
    found.full = full
    found.entries += aggregates(user, inputs.aggregates)
    found.entries += requests(user)
    found.entries += resources(user)
    found.entries += indicators(user, inputs)
    return found


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return value.isoformat()


# --- the registers: public ---------------------------------------------------------------

def boundaries() -> list[Entry]:
    """Every generation of every level's boundaries: valid from, its units, current or not."""
    rows = (Generation.objects.select_related("level").annotate(units_count=Count("units"))
            .order_by("level__rank", "level__code", "-valid_from", "-pk"))
    return [
        Entry("boundaries", f"{g.level.name} ({g.level.code})", source=g.source,
              period=_("valid from %(date)s") % {"date": g.valid_from.isoformat()},
              updated=_iso(g.created_at), rows=g.units_count,  # type: ignore[attr-defined]
              status="current" if g.is_current else "retired")
        for g in rows
    ]


def population() -> list[Entry]:
    """Population by year, level and how it was made (given, a grid, an estimate)."""
    rows = (Population.objects.values("year", "unit__level__code", "unit__level__name",
                                      "method", "estimated")
            .annotate(figures=Count("pk"), units=Count("unit", distinct=True))
            .order_by("-year", "unit__level__code", "method"))
    return [
        Entry("population", _("Residents in %(year)s, %(level)s") % {
                  "year": r["year"], "level": r["unit__level__name"]},
              source=str(Population.Method(r["method"]).label), period=str(r["year"]),
              rows=r["figures"], status="estimate" if r["estimated"] else "given",
              note=_("units: %(count)d") % {"count": r["units"]})
        for r in rows
    ]


def teryt() -> list[Entry]:
    """The TERC register by the date of its state."""
    rows = TercUnit.objects.values("valid_on").annotate(units=Count("pk")).order_by("-valid_on")
    return [
        Entry("teryt", _("TERC register of territorial units"),
              source=_("Statistics Poland (TERYT)"), period=r["valid_on"].isoformat(),
              updated=r["valid_on"].isoformat(), rows=r["units"],
              status="current" if i == 0 else "retired")
        for i, r in enumerate(rows)
    ]


def address_register() -> list[Entry]:
    """Every import of the address register; the latest with the points in use today."""
    found = []
    active = AddressPoint.objects.active().count()
    for i, r in enumerate(RegisterImport.objects.order_by("-started_at", "-pk")):
        note = _("new %(new)d, changed %(changed)d, retired %(retired)d") % {
            "new": r.new, "changed": r.changed, "retired": r.retired}
        if i == 0:
            note = _("points in use: %(count)d") % {"count": active} + "; " + note
        found.append(Entry(
            "addresses", _("Address register (PRG)"),
            source=f"{r.file_name} ({r.format})" if r.format else r.file_name,
            period=_iso(r.started_at.date()) or "", updated=_iso(r.finished_at or r.started_at),
            rows=r.points, status="current" if i == 0 else "retired", note=note))
    return found


# --- what the public indicators are made from --------------------------------------------

@dataclass
class PublicInputs:
    """The active submissions and aggregate imports each public indicator counts."""

    submissions: set[int] = field(default_factory=set)
    aggregates: set[int] = field(default_factory=set)
    by_indicator: dict[int, tuple[set[int], set[int]]] = field(default_factory=dict)


def _counted(code_list: str, codes: list[str], institution: str) -> tuple[set[int], set[int]]:
    """Active submissions and aggregate imports holding counts of ``codes``."""
    if not code_list:
        return set(), set()
    counts = UnitCount.objects.filter(submission=OuterRef("pk"), code_list__code=code_list)
    extra = Aggregate.objects.filter(source=OuterRef("pk"), code_list=code_list)
    if codes:
        counts = counts.filter(code__code__in=codes)
        extra = extra.filter(code__in=codes)
    submissions = Submission.objects.active().filter(Exists(counts))
    imports = AggregateImport.objects.filter(Exists(extra))
    if institution:
        submissions = submissions.filter(institution__code=institution)
        imports = imports.filter(institution__code=institution)
    return set(submissions.values_list("pk", flat=True)), set(imports.values_list("pk", flat=True))


def inputs_of(indicator: Indicator) -> tuple[set[int], set[int]]:
    """The active submissions and aggregate imports ``indicator`` is computed from."""
    if indicator.numerator_overlap:
        submissions = set(Submission.objects.active().filter(
            institution__kind__in=indicator.numerator_overlap).values_list("pk", flat=True))
        imports: set[int] = set()
    else:
        submissions, imports = _counted(indicator.numerator_code_list,
                                        list(indicator.numerator_codes),
                                        indicator.numerator_institution)
    if indicator.denominator == Indicator.Denominator.COUNTS:
        more, extra = _counted(indicator.denominator_code_list,
                               list(indicator.denominator_codes),
                               indicator.denominator_institution)
        submissions |= more
        imports |= extra
    return submissions, imports


def public_inputs() -> PublicInputs:
    found = PublicInputs()
    for indicator in Indicator.objects.filter(public=True):
        submissions, imports = inputs_of(indicator)
        found.by_indicator[indicator.pk] = (submissions, imports)
        found.submissions |= submissions
        found.aggregates |= imports
    return found


# --- the institutions' data: by the policy -----------------------------------------------

def _full_submissions(user: Any) -> QuerySet[Submission]:
    return policy.scoped(Submission.objects.all(), user, Action.VIEW_COUNTS,
                         institution="institution_id", territory="institution__territory__code")


def submissions(user: Any, public: set[int]) -> tuple[list[Entry], bool]:
    """Each institution's submissions by period: in full (status, review, rows, date; who
    sent it for those who may see its report) where the policy lets ``user`` see the
    institution's counts; else the public indicators' inputs with institution, period and
    date only (what the public map says of them)."""
    full = _full_submissions(user).select_related("institution", "created_by").order_by(
        "institution__code", "-period", "-created_at", "-pk")
    found: list[Entry] = []
    seen: set[int] = set()
    for s in full:
        seen.add(s.pk)
        who = None
        if policy.allows(user, Action.VIEW_SUBMISSION, institution=s.institution_id):
            who = s.created_by.get_username() if s.created_by else ""
        found.append(Entry(
            "submissions", s.institution.name, source=s.institution.code, period=s.period,
            updated=_iso(s.finished_at or s.created_at), rows=s.rows_imported,
            status=s.status,
            note=_("layout %(layout)s; review: %(review)s; rows rejected: %(rejected)d") % {
                "layout": s.layout, "review": s.get_review_display(),
                "rejected": s.rows_rejected},
            imported_by=who))
    shown_in_full = bool(seen)
    rest = Submission.objects.filter(pk__in=public - seen).select_related("institution")
    for s in rest.order_by("institution__code", "-period"):
        found.append(Entry("submissions", s.institution.code, source=s.institution.code,
                           period=s.period, updated=_iso(s.finished_at), status="public"))
    return found, shown_in_full


def aggregates(user: Any, public: set[int]) -> list[Entry]:
    """Partners' aggregates: in full for those who may see the institution's counts (and,
    for an import of no institution, anyone's counts); else the public indicators' inputs."""
    every = AggregateImport.objects.select_related("institution", "level")
    full = policy.scoped(every, user, Action.VIEW_COUNTS, institution="institution_id",
                         territory="institution__territory__code")
    if policy.allows(user, Action.VIEW_COUNTS):
        full = full | every.filter(institution__isnull=True)
    found = []
    seen: set[int] = set()
    for a in full.order_by("-period", "code_list", "-created_at"):
        seen.add(a.pk)
        found.append(Entry(
            "aggregates", _("Counts of %(code_list)s by %(level)s") % {
                "code_list": a.code_list, "level": a.level.name},
            source=a.institution.code if a.institution else "", period=a.period,
            updated=_iso(a.created_at), rows=a.rows, status="imported"))
    for a in every.filter(pk__in=public - seen).order_by("-period", "code_list"):
        found.append(Entry(
            "aggregates", _("Counts of %(code_list)s") % {"code_list": a.code_list},
            source=a.institution.code if a.institution else "", period=a.period,
            updated=_iso(a.created_at), status="public"))
    return found


def requests(user: Any) -> list[Entry]:
    """Where each dataset the diagnosis cycles asked for stands in its cycle (requested,
    received with errors, received, approved, late), for those who see the cycles."""
    from kooperacja.cycles.services.status import requests_for, statuses

    found = requests_for(user).order_by("cycle__period", "institution__code", "due_date")
    return [Entry("requests", r.request.institution.name, source=r.request.institution.code,
                  period=r.request.period,
                  status=f"request_{r.shown}",
                  note=_("%(cycle)s; due %(due)s") % {"cycle": r.request.cycle,
                                                      "due": r.request.due_date.isoformat()})
            for r in statuses(found)]


def resources(user: Any) -> list[Entry]:
    """Places of help per kind: how many, who keeps them, when last verified and how many
    are stale (the public entries, and those the user keeps)."""
    visible = Resource.objects.public()
    if user is not None and getattr(user, "is_authenticated", False):
        visible = Resource.objects.filter(
            Q(is_public=True) | Q(pk__in=policy.scoped(Resource.objects.all(), user,
                                                        Action.EDIT_RESOURCE,
                                                        institution="owner_id")))
    before = stale_before()
    rows = (visible.values("kind_id").annotate(
        entries=Count("pk"), newest=Max("last_verified"), oldest=Min("last_verified"),
        updated=Max("updated_at"),
        stale=Count("pk", filter=Q(last_verified__isnull=True) | Q(last_verified__lt=before))))
    kinds = {k.pk: k for k in ResourceKind.objects.all()}
    # The institutions that keep them (not the files they came from: a file's name is
    # whatever its sender chose).
    sources: dict[int, set[str]] = defaultdict(set)
    for kind, owner in (visible.filter(owner__isnull=False)
                        .values_list("kind_id", "owner__code").distinct()):
        sources[kind].add(owner)
    found = []
    for r in sorted(rows, key=lambda r: (kinds[r["kind_id"]].order, kinds[r["kind_id"]].code)):
        described = kinds[r["kind_id"]]
        found.append(Entry(
            "resources", described.label, source=", ".join(sorted(sources[described.pk])),
            period=_("last verified %(date)s") % {"date": _iso(r["newest"]) or "–"},
            updated=_iso(r["updated"]), rows=r["entries"],
            status="stale" if r["stale"] else "current",
            note=_("not verified for too long: %(count)d") % {"count": r["stale"]}))
    return found


def indicators(user: Any, inputs: PublicInputs) -> list[Entry]:
    """Indicator definitions with their sources: the public ones for everyone, with the
    institutions, periods and dates of their inputs; the analysts' ones for analysts."""
    language = (get_language() or "pl")[:2]
    chosen = Indicator.objects.all()
    if not policy.allows(user, Action.ANALYST_VIEW):
        chosen = chosen.filter(public=True)
    found = []
    for indicator in chosen:
        submissions, imports = inputs.by_indicator.get(indicator.pk) or inputs_of(indicator)
        found.append(Entry(
            "indicators", indicator.name(language), source=_source(indicator),
            period=", ".join(sorted(_periods(submissions, imports))),
            updated=_latest(submissions, imports) or _iso(indicator.updated_at),
            rows=len(submissions) + len(imports),
            status="public" if indicator.public else "analysts",
            note=_inputs_note(submissions, imports)))
    return found


def _source(indicator: Indicator) -> str:
    if indicator.numerator_overlap:
        numerator = _("clients of both: %(kinds)s") % {
            "kinds": ", ".join(indicator.numerator_overlap)}
    else:
        numerator = f"{indicator.numerator_code_list}: {', '.join(indicator.numerator_codes)}"
        if indicator.numerator_institution:
            numerator += f" ({indicator.numerator_institution})"
    if indicator.denominator == Indicator.Denominator.COUNTS:
        denominator = (f"{indicator.denominator_code_list}: "
                       f"{', '.join(indicator.denominator_codes)}")
    else:
        denominator = _("population")
    return f"{numerator} / {denominator}"


def _periods(submissions: set[int], imports: set[int]) -> set[str]:
    return (set(Submission.objects.filter(pk__in=submissions).values_list("period", flat=True))
            | set(AggregateImport.objects.filter(pk__in=imports)
                  .values_list("period", flat=True)))


def _latest(submissions: set[int], imports: set[int]) -> str | None:
    dates = [d for d in (
        Submission.objects.filter(pk__in=submissions).aggregate(m=Max("finished_at"))["m"],
        AggregateImport.objects.filter(pk__in=imports).aggregate(m=Max("created_at"))["m"],
    ) if d is not None]
    return _iso(max(dates)) if dates else None


def _inputs_note(submissions: set[int], imports: set[int]) -> str:
    institutions = sorted(
        set(Institution.objects.filter(submissions__pk__in=submissions)
            .values_list("code", flat=True))
        | {c for c in AggregateImport.objects.filter(pk__in=imports)
           .values_list("institution__code", flat=True) if c})
    if not institutions:
        return _("no data imported yet")
    return _("data from: %(institutions)s") % {"institutions": ", ".join(institutions)}


def section_titles() -> dict[str, str]:
    """Each section's heading, in the reader's language."""
    return {
        "boundaries": _("Boundaries and their generations"),
        "population": _("Population by year"),
        "teryt": _("TERC register"),
        "addresses": _("Address register"),
        "submissions": _("Institutions' submissions"),
        "aggregates": _("Partners' aggregates"),
        "requests": _("Data requests of the diagnosis cycles"),
        "resources": _("Places of help"),
        "indicators": _("Indicator definitions"),
    }


def status_labels() -> dict[str, str]:
    """A status's word in the reader's language (a submission's from its model)."""
    labels = {
        "current": _("in use"), "retired": _("earlier"), "given": _("given"),
        "estimate": _("estimate"), "public": _("public"), "analysts": _("analysts only"),
        "stale": _("some not verified"), "imported": _("imported"),
    }
    labels.update({str(value): str(label) for value, label in Submission.Status.choices})
    from kooperacja.cycles.services.status import LABELS

    labels.update({f"request_{key}": str(label) for key, label in LABELS.items()})
    return labels


def export_rows(catalogue: Catalogue) -> Iterable[dict[str, Any]]:
    """The entries as an export's rows (docs/catalogue.md, "Download")."""
    return catalogue.rows()
