"""Building the demo instance: generate the fictional city's files, load them as a user would."""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.utils.translation import gettext as _

from kooperacja.accounts.services import add_member
from kooperacja.cooperation.services.demo import fill_demo as fill_cooperation
from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.cycles.services.demo import fill_demo as fill_cycles
from kooperacja.democity import build_city
from kooperacja.democity.region import REGION_DIR, build_region
from kooperacja.policy import INSTALLATION, Role
from kooperacja.programmes.services.demo import fill_demo as fill_programmes
from kooperacja.records.models import Institution
from kooperacja.territory.models import Unit
from kooperacja.training.services.demo import fill_demo as fill_training_demo

MARKER = "demo.json"


@dataclass
class DemoInstance:
    directory: Path
    manifest: dict[str, Any]
    reused: bool
    # The region's manifest when the demo has two territories (democity/region.py).
    region: dict[str, Any] | None = None

    @property
    def periods(self) -> list[str]:
        return periods(self.manifest)

    @property
    def report(self) -> Path:
        """Where the demo's diagnosis report is (or will be, once made)."""
        return report_path(self.directory, self.manifest)


def _marker() -> Path:
    return Path(settings.DATA_DIR) / MARKER


def build_demo(directory: Path, seed: int = 2026, scale: int = 1,
               say: Callable[[str], None] = print, territories: int = 1) -> DemoInstance:
    """Generate the demo city into ``directory`` and load it through the CLI commands.

    With ``territories=2`` a second gmina, Młotów, stands beside the city in one powiat,
    with its own MOPS; the powiat's labour office serves both (democity/region.py). A
    second call with the same seed, scale and territories reuses what the first one built.
    """
    if territories not in TERRITORIES:
        raise UserError(None, N_("The demo has 1 or 2 territories, not %(n)s."),
                        {"n": territories})
    directory = Path(directory).resolve()
    marker = _marker()
    if marker.exists():
        built = json.loads(marker.read_text(encoding="utf-8"))
        if ((built.get("seed"), built.get("scale"), built.get("territories", 1))
                == (seed, scale, territories) and Unit.objects.exists()):
            manifest = json.loads(Path(built["manifest"]).read_text(encoding="utf-8"))
            return DemoInstance(Path(built["directory"]), manifest, reused=True,
                                region=_read_region(Path(built["directory"]), territories))
    say(_("Generating the demo city (seed %(seed)s, scale %(scale)s) in %(dir)s")
        % {"seed": seed, "scale": scale, "dir": directory})
    region = None
    if territories == 1:
        manifest = build_city(directory, seed=seed, scale=scale).to_dict()
        steps = load_steps(directory, manifest)
    else:
        region = build_region(directory, seed=seed, scale=scale)
        manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
        steps = region_load_steps(directory, region)
    for step, args in steps:
        say(f"kooperacja {step} {' '.join(str(a) for a in args)}")
        call_command(step.replace("-", "_"), *[str(a) for a in args], stdout=_Quiet(say))
    fill_cycles(manifest)  # the cycle in progress; the demo's extracts approved
    # A strategy whose targets follow the indicators, for the demo city.
    fill_programmes(periods(manifest), demo_city(manifest))
    marker.write_text(json.dumps({
        "seed": seed, "scale": scale, "territories": territories, "directory": str(directory),
        "manifest": str(directory / "manifest.json"),
    }), encoding="utf-8")
    return DemoInstance(directory, manifest, reused=False, region=region)


TERRITORIES = (1, 2)


def _read_region(directory: Path, territories: int) -> dict[str, Any] | None:
    if territories == 1:
        return None
    path = directory / REGION_DIR / "region.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def demo_city(manifest: dict[str, Any]) -> Unit | None:
    """The demo city's unit (the first gmina of a demo of two territories)."""
    return Unit.objects.current().filter(code=manifest["city"]["teryt_gmina"]).first()


LEVEL_NAMES = {"city": "Miasto", "district": "Dzielnice", "estate": "Osiedla"}
# A region's gminas are not one city: its levels read so.
REGION_LEVEL_NAMES = {"powiat": "Powiaty", "city": "Gminy", "district": "Dzielnice",
                      "estate": "Osiedla"}
MOPS_NAME, PUP_NAME = "Miejski Ośrodek Pomocy Społecznej", "Powiatowy Urząd Pracy"


def _unit_steps(directory: Path, files: dict[str, Any], keys: tuple[str, ...],
                names: dict[str, str]) -> list[tuple[str, list[object]]]:
    steps: list[tuple[str, list[object]]] = []
    for key in keys:
        load = files[key]["load"]
        args: list[object] = [directory / files[key]["path"], "--level", load["level"],
                              "--level-name", names.get(load["level"], load["level"])]
        for option in ("code_field", "name_field", "parent_field", "parent_level", "encoding"):
            if load.get(option):
                args += ["--" + option.replace("_", "-"), load[option]]
        if load.get("teryt_codes"):  # each unit a territory of its own
            args.append("--teryt-codes")
        steps.append(("import-units", args))
    return steps


def _extract_steps(directory: Path, manifest: dict[str, Any], key: str,
                   institution: str | None = None) -> list[tuple[str, list[object]]]:
    """Every period's extract of ``key`` (mops, pup), oldest first (a manifest without
    periods has one), for its institution or ``institution``."""
    files = manifest["files"]
    steps: list[tuple[str, list[object]]] = []
    for period in _periods(manifest, key):
        load = files[period]["load"]
        steps.append(("import-records",
                      [directory / files[period]["path"], "--institution",
                       institution or load["institution"], "--period", load["period"],
                       "--layout", load["layout"]]))
    return steps


def load_steps(directory: Path, manifest: dict[str, Any]) -> list[tuple[str, list[object]]]:
    """The commands, with their arguments, that load the demo's files."""
    files = manifest["files"]
    steps = _unit_steps(directory, files, ("city", "districts", "estates"), LEVEL_NAMES)
    steps += [
        ("import-population", [directory / files["population"]["path"], "--level", "estate"]),
        ("import-addresses", [directory / files["addresses"]["path"], "--format", "csv"]),
    ]
    city = manifest["city"]["teryt_gmina"]
    for key, kind, name in (("mops", "mops", MOPS_NAME), ("pup", "pup", PUP_NAME)):
        steps.append(("add-institution",
                      [files[key]["load"]["institution"], "--name",
                       f"{name} ({manifest['city']['name']})", "--kind", kind,
                       "--territory", city]))
        steps += _extract_steps(directory, manifest, key)
    steps.append(("import-resources", [directory / files["resources"]["path"]]))
    return steps


def mops_code(number: int) -> str:
    """The code of the n-th gmina's MOPS (MOPS for the first, as in a demo of one)."""
    return "MOPS" if number == 1 else f"MOPS{number}"


def region_load_steps(directory: Path,
                      region: dict[str, Any]) -> list[tuple[str, list[object]]]:
    """The commands that load a demo of two territories: the powiat and its gminas, with
    their districts and estates, in one file per level; the TERC entries of their codes;
    the population, the address register and the resources of both; each gmina's MOPS and
    its extracts; the powiat's labour office, whose extracts hold both gminas' people."""
    files = region["files"]
    shared = directory / REGION_DIR
    steps = _unit_steps(shared, files, ("powiat", "gminas", "districts", "estates"),
                        REGION_LEVEL_NAMES)
    steps += [
        ("import-teryt", [shared / files["terc"]["path"]]),
        ("import-population", [shared / files["population"]["path"], "--level", "estate"]),
        ("import-addresses", [shared / files["addresses"]["path"], "--format", "csv"]),
    ]
    for number, gmina in enumerate(region["gminas"], start=1):
        manifest = json.loads((directory / gmina["manifest"]).read_text(encoding="utf-8"))
        code = mops_code(number)
        steps.append(("add-institution",
                      [code, "--name", f"{MOPS_NAME} ({gmina['name']})", "--kind", "mops",
                       "--territory", gmina["teryt_gmina"]]))
        steps += _extract_steps(directory / gmina["directory"], manifest, "mops", code)
    powiat = region["powiat"]
    steps.append(("add-institution",
                  ["PUP", "--name", f"{PUP_NAME} ({powiat['name']})", "--kind", "pup",
                   "--territory", powiat["teryt"]]))
    for key in sorted(k for k in files if k.startswith("pup_")):
        load = files[key]["load"]
        steps.append(("import-records",
                      [shared / files[key]["path"], "--institution", load["institution"],
                       "--period", load["period"], "--layout", load["layout"]]))
    steps.append(("import-resources", [shared / files["resources"]["path"]]))
    return steps


def report_path(directory: Path, manifest: dict[str, Any]) -> Path:
    return Path(directory) / f"diagnoza_{periods(manifest)[-1]}.docx"


def report_step(directory: Path, manifest: dict[str, Any]) -> tuple[str, list[object]]:
    """The command, with its arguments, that makes the demo's diagnosis report: the whole
    city, the latest period compared with the first, for the public."""
    found = periods(manifest)
    return ("report", ["--template", "diagnoza", "--territory", manifest["city"]["teryt_gmina"],
                       "--period", found[-1], "--since", found[0], "--audience", "public",
                       "--out", report_path(directory, manifest)])


def publish_report(directory: Path, manifest: dict[str, Any]) -> Path:
    """The demo's diagnosis report as a team would have it: the report :func:`report_step`
    describes, generated, accepted and published in ``/raporty/`` (so the public site offers
    it too), and its DOCX written to :func:`report_path`. A demo that already has it keeps it.
    """
    from django.utils import timezone

    from kooperacja.reports import saved
    from kooperacja.reports.models import SavedReport

    found = periods(manifest)
    territory = manifest["city"]["teryt_gmina"]
    status = SavedReport.Status.PUBLISHED
    report = SavedReport.objects.filter(template="diagnoza", unit=territory, period=found[-1],
                                        status=status).first()
    if report is None:
        report = SavedReport.objects.create(
            template="diagnoza", territory=territory, unit=territory, period=found[-1],
            since=found[0], audience=SavedReport.Audience.PUBLIC, language="pl")
        saved.generate(report.pk)
        now = timezone.now()
        SavedReport.objects.filter(pk=report.pk, state=SavedReport.State.DONE).update(
            status=status, accepted_at=now, published_at=now)
        report.refresh_from_db()
        if report.state != SavedReport.State.DONE:
            raise UserError(None, N_("The demo's diagnosis report could not be generated: "
                                     "%(error)s"), {"error": report.error})
    path = report_path(directory, manifest)
    path.write_bytes(saved.file_of(report, "docx"))
    return path


def _periods(manifest: dict[str, Any], key: str) -> list[str]:
    """The manifest's file keys of an institution's extracts, oldest period first."""
    periods = manifest.get("periods") or {}
    return [periods[p]["files"][key] for p in sorted(periods)] or [key]


def periods(manifest: dict[str, Any]) -> list[str]:
    """The periods the demo's extracts cover, oldest first."""
    return sorted(manifest.get("periods") or {}) or [manifest["files"]["mops"]["load"]["period"]]


# The demo's people: one account per role (docs/security.md, "Roles"), all with the password
# the demo prints at each start. E-mail, role, institution (None: the installation's).
TEAM = "ZESPOL"
ACCOUNTS: tuple[tuple[str, str, str | None], ...] = (
    ("admin@kooperacja.example", INSTALLATION, None),
    ("partner@mops.example", Role.PARTNER, "MOPS"),
    ("opiekun@mops.example", Role.STEWARD, "MOPS"),
    ("administrator@mops.example", Role.ADMINISTRATOR, "MOPS"),
    ("partner@pup.example", Role.PARTNER, "PUP"),
    ("analityk@zespol.example", Role.ANALYST, TEAM),
    ("koordynator@zespol.example", Role.COORDINATOR, TEAM),
    ("iod@zespol.example", Role.DPO, TEAM),
    # A demo of two territories: the second gmina's analyst, of its own team.
    ("analityk@zespol2.example", Role.ANALYST, TEAM + "2"),
)


@dataclass
class DemoAccount:
    email: str
    role: str  # the role's label, in the reader's language
    institution: str  # code, or "" for the installation administrator


def demo_accounts(password: str, manifest: dict[str, Any] | None = None,
                  region: dict[str, Any] | None = None) -> list[DemoAccount]:
    """Give each demo account (created when missing) ``password`` and list them.

    The installation administrator also administers the city's social assistance centre,
    so that its uploads on the web have an institution to go to; the analysts' diagnosis
    team is an institution of the city's territory. A demo of two territories has a second
    team, of the second gmina, with its analyst.
    """
    city = (demo_city(manifest) if manifest else None) or Unit.objects.current().get(
        parent__isnull=True)
    gminas = [city]
    if region is not None:
        gminas += list(Unit.objects.current().filter(
            code__in=[g["teryt_gmina"] for g in region["gminas"][1:]]).order_by("code"))
    # Named in Polish, as the demo's other institutions are (load_steps).
    for number, gmina in enumerate(gminas, start=1):
        Institution.objects.get_or_create(code=TEAM if number == 1 else f"{TEAM}{number}",
                                          defaults={
            "name": f"Zespół diagnozy ({gmina.name})", "kind": Institution.Kind.OTHER,
            "territory": gmina})
    institutions = {i.code: i for i in Institution.objects.all()}
    mops = institutions.get(mops_code(1)) or next(
        (i for i in institutions.values() if i.kind == Institution.Kind.MOPS), None)
    assign_resource_owners()
    accounts = []
    for email, role, code in ACCOUNTS:
        institution = mops if role == INSTALLATION else institutions.get(code or "")
        if role != INSTALLATION and institution is None:
            continue
        add_member(email, role, institution, password=password)
        label = (_("installation administrator") if role == INSTALLATION
                 else Role(role).label)
        accounts.append(DemoAccount(email, str(label), code or ""))
    fill_cooperation(city)
    fill_training_demo()
    return accounts


# Which demo institution keeps which kinds of directory entries (by the institution's
# kind): the city's social services those of the social assistance centre, the job offers
# the labour office's. Schools, clinics, the police, probation officers, counselling and
# NGOs belong to no institution of the demo and stay the installation's to keep.
RESOURCE_OWNERS: dict[str, tuple[str, ...]] = {
    Institution.Kind.MOPS: ("social_assistance", "family_support", "community_centre",
                            "social_integration", "shelter", "soup_kitchen"),
    Institution.Kind.PUP: ("labour_office",),
}


def assign_resource_owners() -> int:
    """Give the demo's unowned directory entries their institution (see
    :data:`RESOURCE_OWNERS`), so that the institutions' people can keep them; return how
    many. Entries that already have an owner are left as they are."""
    from kooperacja.resources.models import Resource

    assigned = 0
    for kind, resource_kinds in RESOURCE_OWNERS.items():
        owner = Institution.objects.filter(kind=kind).order_by("code").first()
        if owner is not None:
            assigned += Resource.objects.filter(
                owner__isnull=True, kind__code__in=resource_kinds).update(owner=owner)
    return assigned


def new_password() -> str:
    return secrets.token_urlsafe(12)


class _Quiet:
    """A stdout for call_command that passes each command's summary line on."""

    def __init__(self, say: Callable[[str], None]) -> None:
        self.say = say

    def write(self, text: str) -> None:
        if text.strip():
            self.say("  " + text.strip())

    def flush(self) -> None:
        pass
