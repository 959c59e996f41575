"""The yearly monitoring report of a programme: per objective its targets (baseline,
values per period, target and the period's traffic light) and its actions, as the
diagnosis report's document (``reports/services/document.py``), written out by
``reports/services/render.render`` to DOCX, PDF or HTML."""

from __future__ import annotations

from collections import Counter

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.programmes.models import Programme
from kooperacja.programmes.services.monitoring import (
    LIGHT_SYMBOLS,
    LIGHT_WORDS,
    Light,
    periods_of,
    readings,
)
from kooperacja.reports.services.document import Chapter, Paragraph, Report, Table


def _number(value: float | None) -> str:
    return "–" if value is None else number_format(round(value, 2))


def build_monitoring_report(programme: Programme, period: str) -> Report:
    """The report of ``programme`` for ``period`` (values of the periods up to it)."""
    if not period[:4].isdigit():
        raise UserError(None, N_("A period starts with its year, e.g. 2025 or 2025-H1."))
    periods = periods_of(programme, until=period)
    lights: Counter[Light] = Counter()
    chapters = []
    for objective in programme.objectives.prefetch_related(
            "targets__indicator", "targets__values", "actions__responsible"):
        rows = []
        for target in objective.targets.all():
            found = readings(target, periods)
            now = found[-1]
            lights[now.light] += 1
            rows.append([
                target.name,
                f"{_number(target.baseline)} ({target.baseline_period})",
                f"{_number(target.target)} ({target.target_year})",
                str(target.get_direction_display()),
                "; ".join(f"{r.period}: {_number(r.value)}" for r in found),
                f"{now.symbol} {now.words}",
            ])
        blocks: list[Paragraph | Table] = []
        if rows:
            blocks.append(Table(
                _("Targets of objective %(order)s") % {"order": objective.order},
                [_("Target"), _("Baseline"), _("Target value"), _("Direction"),
                 _("Values"), _("Status in %(period)s") % {"period": period}], rows))
        actions = [[a.title, a.responsible.name if a.responsible else "–",
                    "–" if a.budget is None else number_format(a.budget, 2)]
                   for a in objective.actions.all()]
        if actions:
            blocks.append(Table(_("Actions of objective %(order)s") % {"order": objective.order},
                                [_("Action"), _("Responsible institution"),
                                 _("Budget [PLN]")], actions))
        chapters.append(Chapter(
            key=f"objective-{objective.pk}", title=f"{objective.order}. {objective.title}",
            blocks=blocks, empty_note="" if blocks else _("No targets or actions.")))
    summary = Chapter(key="summary", title=_("Summary"), blocks=[
        Paragraph(_("%(kind)s for %(years)s. The light of each target compares its value with "
                    "the straight path from the baseline to the target in the target year: "
                    "✔ on track, ▲ behind the path but moving the right way, ✖ moving the "
                    "wrong way or no better than the baseline, – no value.") % {
            "kind": programme.get_kind_display(),
            "years": f"{programme.year_from}–{programme.year_until}"}),
        Table(_("Targets by status in %(period)s") % {"period": period},
              [_("Status"), _("Targets")],
              [[f"{LIGHT_SYMBOLS[light]} {LIGHT_WORDS[light]}", str(lights[light])]
               for light in Light]),
    ])
    territory = programme.territory
    return Report(
        title=_("Monitoring report: %(name)s") % {"name": programme.name},
        territory=f"{territory.name} ({territory.code})", period=period, since=None,
        audience="public" if programme.is_public else "analyst",
        chapters=[summary, *chapters],
        sources=[_("Values of Kooperacja's indicators as published (after disclosure "
                   "control) and values entered by the programme's team.")],
        parameters={_("programme"): programme.pk, _("periods"): ", ".join(periods)},
    )
