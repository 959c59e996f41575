"""The weekly report of checks before referral to each institution's administrators: how
many clients each person checked and what the answers were (from the audit log; no PESEL
or pseudonym is there to report)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.core.mail import send_mail
from django.utils import timezone
from django.utils.translation import gettext as _

from kooperacja.policy import Role
from kooperacja.records.models import Institution, Membership
from kooperacja.referrals.services.checks import ANSWERS, CHECKED, audited_checks

COLUMNS = ("checked", *ANSWERS, "refused")


@dataclass
class InstitutionChecks:
    """One institution's checks in the period: per person, counts of :data:`COLUMNS`."""

    institution: str
    start: dt.datetime
    end: dt.datetime
    people: dict[str, Counter[str]] = field(default_factory=dict)

    def rows(self) -> list[tuple[str, list[int]]]:
        return [(who, [counts[c] for c in COLUMNS]) for who, counts in sorted(self.people.items())]

    def text(self) -> str:
        """The report as plain text (the e-mail's body and the command's output)."""
        lines = [_("Checks before referral for %(institution)s, %(start)s – %(end)s")
                 % {"institution": self.institution, "start": f"{self.start:%Y-%m-%d}",
                    "end": f"{self.end:%Y-%m-%d}"}, ""]
        headers = [_("person"), _("checked"), _("yes"), _("no"), _("invalid"), _("refused")]
        table = [headers] + [[who, *map(str, counts)] for who, counts in self.rows()]
        widths = [max(len(r[i]) for r in table) for i in range(len(headers))]
        for row in table:
            lines.append("  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                                   for i, (c, w) in enumerate(zip(row, widths, strict=True))))
        return "\n".join(lines)


def checks_by_institution(days: int = 7, now: dt.datetime | None = None
                          ) -> list[InstitutionChecks]:
    """The checks of the last ``days`` days, per asking institution and person."""
    end = now or timezone.now()
    start = end - dt.timedelta(days=days)
    found: dict[str, InstitutionChecks] = {}
    for event in audited_checks(start):
        if event.at > end:
            continue
        code = str((event.detail or {}).get("institution", "")) or "?"
        report = found.setdefault(code, InstitutionChecks(code, start, end))
        counts = report.people.setdefault(event.actor, Counter())
        if event.action == CHECKED:
            counts["checked"] += int(event.detail.get("checked", 0))
            for answer in ANSWERS:
                counts[answer] += int(event.detail.get(answer, 0))
        else:
            counts["refused"] += 1
    return [found[code] for code in sorted(found)]


def administrators(code: str) -> list[str]:
    """The e-mail addresses of an institution's administrators."""
    return sorted({m.user.email for m in Membership.objects.filter(
        institution__code=code, role=Role.ADMINISTRATOR, user__is_active=True)
        .select_related("user") if m.user.email})


def send_reports(reports: list[InstitutionChecks]) -> dict[str, list[str]]:
    """E-mail each institution's report to its administrators; whom each went to (an
    institution without an administrator's address gets none)."""
    sent: dict[str, list[str]] = {}
    names = dict(Institution.objects.values_list("code", "name"))
    for report in reports:
        to = administrators(report.institution)
        if not to:
            continue
        subject = _("Checks before referral: %(institution)s, %(start)s – %(end)s") % {
            "institution": names.get(report.institution, report.institution),
            "start": f"{report.start:%Y-%m-%d}", "end": f"{report.end:%Y-%m-%d}"}
        send_mail(subject, report.text(), None, to)
        sent[report.institution] = to
    return sent
