"""Scheduled feeds: files dropped into per-kind, per-institution folders are imported by
``kooperacja import-dir DIR`` run from a timer (docs/catalogue.md, "Scheduled feeds").

``DIR/<kind>/<institution>/<file>``: ``<kind>`` is an extract's layout (``mops``, ``pup``,
``aggregate``; the period is read from the file's name, e.g. ``mops_2025-H1.csv``) or
``resources`` (the institution's places of help). Each file goes through the same service
as its command (``import-records``, ``import-resources``), then moves to
``DIR/done/<kind>/<institution>/`` or ``DIR/failed/<kind>/<institution>/`` under a name
with the time of the run, beside a report ``<name>.report.txt``. A file changed in the last
``min_age`` seconds is left for the next run (it may still be being copied); a lock file
keeps two runs apart.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.core.submissions.layouts import LAYOUTS
from kooperacja.core.submissions.periods import parse_period
from kooperacja.messages import rejection_message, user_message
from kooperacja.policy import Action, roles_for
from kooperacja.records.models import Institution, Membership, Submission
from kooperacja.records.services.importing import import_submission, import_summary
from kooperacja.resources.services.importing import import_resources

log = logging.getLogger(__name__)

RESOURCES = "resources"
DONE, FAILED = "done", "failed"
LOCK = ".import-dir.lock"
# A lock older than this was left by a run that died.
STALE_LOCK_SECONDS = 12 * 3600
SHOWN_REJECTIONS = 50
_PERIOD = re.compile(r"(?<![0-9])(\d{4}(?:-(?:[HhQq]\d|\d{2}))?)(?![0-9])")


def kinds() -> tuple[str, ...]:
    """The kinds of folder import-dir reads."""
    return (*LAYOUTS, RESOURCES)


@dataclass
class FeedResult:
    """What became of one dropped file."""

    kind: str
    institution: str
    name: str
    ok: bool
    summary: str
    lines: list[str] = field(default_factory=list)
    moved_to: Path | None = None

    def report(self) -> str:
        state = _("imported") if self.ok else _("failed")
        head = f"{self.kind}/{self.institution}/{self.name}: {state}\n{self.summary}\n"
        return head + "".join(f"{line}\n" for line in self.lines)


def period_in_name(name: str) -> str | None:
    """The first period written in a file's name (``mops_2025-H1.csv`` → ``2025-H1``)."""
    for found in _PERIOD.finditer(Path(name).stem):
        try:
            return parse_period(found.group(1)).label
        except UserError:
            continue
    return None


def pending(root: Path, min_age: float = 60,
            now: float | None = None) -> Iterator[tuple[str, str, Path]]:
    """(kind, institution, file) of every file waiting in ``root``, oldest folder first;
    files changed in the last ``min_age`` seconds and hidden files are left."""
    now = time.time() if now is None else now
    for kind_dir in sorted(p for p in root.iterdir() if p.is_dir()):
        if kind_dir.name in (DONE, FAILED) or kind_dir.name.startswith("."):
            continue
        for institution_dir in sorted(p for p in kind_dir.iterdir() if p.is_dir()):
            for path in sorted(institution_dir.iterdir()):
                if (path.is_file() and not path.name.startswith(".")
                        and now - path.stat().st_mtime >= min_age):
                    yield kind_dir.name, institution_dir.name, path


def import_dir(root: Path | str, min_age: float = 60) -> list[FeedResult]:
    """Import every file waiting in ``root``; what became of each."""
    root = Path(root)
    if not root.is_dir():
        raise UserError(root, N_("There is no such folder."))
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    results = []
    with _locked(root):
        for kind, code, path in list(pending(root, min_age)):
            result = import_one(kind, code, path)
            result.moved_to = _move(root, result, path, stamp)
            results.append(result)
    return results


def import_one(kind: str, code: str, path: Path) -> FeedResult:
    """Import one file as its folders say; never raises for the file's own faults."""
    result = FeedResult(kind, code, path.name, ok=False, summary="")
    try:
        if kind not in kinds():
            raise UserError(None, N_("%(kind)s is not a kind of data import-dir reads; use "
                                     "%(kinds)s"), {"kind": kind, "kinds": ", ".join(kinds())})
        institution = Institution.objects.filter(code=code).first()
        if institution is None:
            raise UserError(None, N_("There is no institution %(code)s; add it with "
                                     "kooperacja add-institution or rename the folder."),
                            {"code": code})
        if kind == RESOURCES:
            _resources(result, path, institution)
        else:
            _extract(result, path, institution, kind)
    except UserError as error:
        result.ok, result.summary = False, user_message(error.without_path())
    except Exception:  # a fault of the program: the file waits in failed/ for a rerun
        log.exception("import-dir: %s/%s/%s", kind, code, path.name)
        result.ok, result.summary = False, _("unexpected error; the log says more")
    return result


def _extract(result: FeedResult, path: Path, institution: Institution, layout: str) -> None:
    period = period_in_name(path.name)
    if period is None:
        raise UserError(None, N_("the file's name says no period; name it e.g. "
                                 "%(layout)s_2025-H1.csv (2025, 2025-H1, 2025-Q3, 2025-07)"),
                        {"layout": layout})
    submission = import_submission(path, institution, period, layout)
    result.ok = submission.status == Submission.Status.ACTIVE
    result.summary = import_summary(submission)
    result.lines = [_("row %(row)s, column %(column)s: %(message)s") % {
        "row": r["row"], "column": r["column"], "message": rejection_message(r)}
        for r in submission.rejections[:SHOWN_REJECTIONS]]


def _resources(result: FeedResult, path: Path, institution: Institution) -> None:
    found = import_resources(path, owner=institution.code)
    result.ok = True
    result.summary = found.summary()
    for rejected in found.rejected[:SHOWN_REJECTIONS]:
        message = _(rejected.reason)
        message = message % rejected.params if rejected.params else message
        result.lines.append(_("row %(row)s, column %(column)s: %(message)s") % {
            "row": rejected.row, "column": rejected.column or "–", "message": message})


def _move(root: Path, result: FeedResult, path: Path, stamp: str) -> Path:
    folder = root / (DONE if result.ok else FAILED) / result.kind / result.institution
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{stamp}_{path.name}"
    shutil.move(str(path), target)
    target.with_name(target.name + ".report.txt").write_text(result.report(), encoding="utf-8")
    return target


class _locked:
    """The folder's lock file, for one run at a time (a stale one is taken over)."""

    def __init__(self, root: Path) -> None:
        self.path = root / LOCK

    def __enter__(self) -> None:
        try:
            handle = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            if time.time() - self.path.stat().st_mtime < STALE_LOCK_SECONDS:
                raise UserError(self.path, N_(
                    "another import-dir is running (or died less than 12 hours ago; then "
                    "delete this file)")) from None
            self.path.unlink()
            handle = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        os.write(handle, str(os.getpid()).encode())
        os.close(handle)

    def __exit__(self, *exc: object) -> None:
        self.path.unlink(missing_ok=True)


def recipients(code: str) -> list[str]:
    """Who hears of an institution's files: its members who may see its submissions; the
    installation's administrators when it has none (or there is no such institution)."""
    emails = set(Membership.objects.filter(
        institution__code=code, role__in=roles_for(Action.VIEW_SUBMISSION),
        user__is_active=True).values_list("user__email", flat=True)) - {""}
    if not emails:
        emails = set(get_user_model().objects.filter(
            is_superuser=True, is_active=True).values_list("email", flat=True)) - {""}
    return sorted(emails)


def send_reports(results: list[FeedResult]) -> int:
    """E-mail each institution the reports of its files; the number of messages sent."""
    by_institution: dict[str, list[FeedResult]] = defaultdict(list)
    for result in results:
        by_institution[result.institution].append(result)
    sent = 0
    for code, found in sorted(by_institution.items()):
        to = recipients(code)
        if not to:
            continue
        failed = sum(not r.ok for r in found)
        subject = ngettext("Kooperacja: %(count)d file imported from the folder",
                           "Kooperacja: %(count)d files imported from the folder",
                           len(found)) % {"count": len(found)}
        if failed:
            subject += " " + ngettext("(%(failed)d failed)", "(%(failed)d failed)",
                                      failed) % {"failed": failed}
        body = "\n".join(r.report() for r in found)
        sent += send_mail(subject, body, None, to)
    return sent

