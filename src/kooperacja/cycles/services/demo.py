"""The demo city's cycle in progress: the latest period's diagnosis, its data asked of the
social assistance centre and the labour office (both delivered) and of the police (not
delivered, past due: red), and the demo's own extracts approved so that its public map
stays full."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from kooperacja.cycles.models import Cycle
from kooperacja.cycles.services.cycles import create_cycle, request_data
from kooperacja.records.models import Institution, Submission
from kooperacja.territory.models import Unit

POLICE = "KMP"


def approve_demo_submissions() -> int:
    """The demo's imported extracts, approved as their data steward would (one by one:
    each save moves the published values' version on)."""
    approved = 0
    for submission in Submission.objects.active().exclude(review=Submission.Review.APPROVED):
        submission.review = Submission.Review.APPROVED
        submission.reviewed_at = timezone.now()
        submission.save(update_fields=["review", "reviewed_at"])
        approved += 1
    return approved


def fill_demo(manifest: dict[str, Any], today: dt.date | None = None) -> Cycle | None:
    """Approve the demo's extracts and open the cycle of its latest period (once)."""
    approve_demo_submissions()
    # The demo city (in a demo of two territories, the first gmina, not their powiat).
    city = (Unit.objects.current().filter(code=manifest.get("city", {}).get("teryt_gmina"))
            .first() or Unit.objects.current().filter(parent__isnull=True).first())
    if city is None or Cycle.objects.filter(territory=city).exists():
        return None
    today = today or timezone.localdate()
    period = max(manifest.get("periods") or [manifest["files"]["mops"]["load"]["period"]])
    cycle = create_cycle(None, name=f"Diagnoza {period}", territory=city, period=period,
                         stage=Cycle.Stage.IMPORTS, starts_on=today - dt.timedelta(days=60),
                         ends_on=today + dt.timedelta(days=120),
                         note="Cykl demonstracyjny: dane MOPS i PUP są, policja się spóźnia.")
    for kind, layout in ((Institution.Kind.MOPS, "mops"), (Institution.Kind.PUP, "pup")):
        institution = Institution.objects.filter(kind=kind).order_by("code").first()
        if institution is not None:
            request_data(None, cycle, institution, layout=layout,
                         due_date=today - dt.timedelta(days=30))
    police, _ = Institution.objects.get_or_create(code=POLICE, defaults={
        "name": f"Komenda Miejska Policji ({city.name})", "kind": Institution.Kind.POLICE,
        "territory": city})
    request_data(None, cycle, police, layout="aggregate", due_date=today - dt.timedelta(days=14))
    return cycle
