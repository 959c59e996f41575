"""The demo city's programme: a strategy with two objectives whose targets follow the
demo's indicators (poverty, long-term unemployed) over its periods, plus one measure typed
in, so that /programy/ and the monitoring report are filled."""

from __future__ import annotations

from kooperacja.indicators.models import Indicator
from kooperacja.programmes.models import Action, Objective, Programme, Target, TargetValue
from kooperacja.programmes.services.monitoring import indicator_value, refresh_values, year_of
from kooperacja.records.models import Institution
from kooperacja.territory.models import Unit


def fill_demo(periods: list[str], city: Unit | None = None) -> Programme | None:
    """The programme of the demo city (``city``, else the first top-level unit; once), its
    values refreshed for each period."""
    city = city or Unit.objects.current().filter(parent__isnull=True).first()
    if city is None or not periods or Programme.objects.filter(territory=city).exists():
        return None
    first, last = year_of(min(periods)), year_of(max(periods))
    programme = Programme.objects.create(
        name="Strategia rozwiązywania problemów społecznych", kind=Programme.Kind.STRATEGY,
        territory=city, year_from=first, year_until=last + 3, is_public=True,
        description="Strategia miasta na lata; cele monitorowane co roku na podstawie "
                    "wskaźników Kooperacji i danych partnerów.")
    mops = Institution.objects.filter(kind=Institution.Kind.MOPS).first()
    pup = Institution.objects.filter(kind=Institution.Kind.PUP).first()
    poverty = Objective.objects.create(programme=programme, order=1,
                                       title="Ograniczenie ubóstwa rodzin")
    Action.objects.create(objective=poverty, title="Asystentura rodzin i praca socjalna",
                          responsible=mops, budget=450000)
    work = Objective.objects.create(programme=programme, order=2,
                                    title="Powrót długotrwale bezrobotnych na rynek pracy")
    Action.objects.create(objective=work, title="Programy aktywizacji zawodowej",
                          responsible=pup, budget=800000)
    for objective, code in ((poverty, "poverty"), (work, "long-term-unemployed")):
        indicator = Indicator.objects.filter(code=code).first()
        if indicator is None:
            continue
        target = Target(objective=objective, indicator=indicator,
                        baseline_period=min(periods), baseline=0.0, target=0.0,
                        target_year=last + 3, direction=Target.Direction.DOWN)
        baseline = indicator_value(target, min(periods))
        if baseline is None:
            continue
        target.baseline, target.target = baseline, round(baseline * 0.8, 1)
        target.save()
    cis = Target.objects.create(
        objective=work, measure="Uczestnicy Centrum Integracji Społecznej",
        baseline_period=min(periods), baseline=40.0, target=70.0, target_year=last + 3,
        direction=Target.Direction.UP)
    # 40 in the first period, then ahead of the path (green), then behind it (amber).
    for period, value in zip(sorted(periods), (40.0, 47.0, 50.0, 56.0, 62.0)):
        TargetValue.objects.create(target=cis, period=period, value=value)
    for period in sorted(periods):
        refresh_values(None, programme, period)
    return programme
