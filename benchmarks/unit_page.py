"""The page per unit (/obszar/<level>/<code>/) on the demo city: every estate's page once
the map has published its indicators, as a visitor meets it.

Three figures: the first page of a level after the task worker warmed the answers
(web/services/warm.py: published values, hot spots, the "high need, low access" flags
stored; the page parses the bodies and finds the neighbours), every further
unit of that level on its first visit, and a page asked again (stored). Target (issue 17):
a unit page under 300 ms.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path


def run(quick: bool = False) -> Iterator[dict]:
    scale = 1
    with tempfile.TemporaryDirectory(prefix="kooperacja-bench-unit-") as tmp:
        os.environ["KOOPERACJA_DATA_DIR"] = str(Path(tmp) / "data")
        os.environ.pop("DATABASE_URL", None)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kooperacja.settings")
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0, interactive=False)
        from django.test import Client

        from kooperacja.demo.services import build_demo
        from kooperacja.indicators.api import _render
        from kooperacja.indicators.services.audiences import indicators_for
        from kooperacja.indicators.services.breakdown import stored_breakdown
        from kooperacja.indicators.services.inputs import default_period, periods, same_kind
        from kooperacja.indicators.services.published import published_values
        from kooperacja.territory.models import Level, Unit

        build_demo(Path(tmp) / "files", scale=scale, say=lambda _: None)
        # What the map's visitors have already caused: every public indicator published.
        started = time.perf_counter()
        levels = list(Level.objects.values_list("code", flat=True))
        for indicator in indicators_for("public"):
            found = periods(indicator, "public")
            chosen = default_period(found)
            for period in same_kind(found, chosen) if chosen else []:
                for level in levels:
                    published_values(indicator, level, period, "public", "quantiles", _render)
                    break  # one call publishes every level
            if chosen:  # the breakdowns by sex and age of the period shown, every unit at once
                stored_breakdown(indicator, chosen, "public")
        yield {"name": "unit page: publishing the indicators and their breakdowns first "
                       "(not part of the target)",
               "seconds": round(time.perf_counter() - started, 3)}

        # What the task worker does after the inputs change (web/services/warm.py), in its own
        # process: the site's process then finds the stored answers, not its memory's.
        from kooperacja.territory import answers
        from kooperacja.web.services.warm import warm

        started = time.perf_counter()
        warm()
        yield {"name": "unit page: warming by the task worker (not part of the target)",
               "seconds": round(time.perf_counter() - started, 3)}
        started = time.perf_counter()
        warm()
        yield {"name": "unit page: warming again, already warm",
               "seconds": round(time.perf_counter() - started, 3)}
        answers.forget()

        client = Client(HTTP_ACCEPT_LANGUAGE="pl", SERVER_NAME="localhost")
        # The process's first request loads the URLs, views and templates: not the level's.
        started = time.perf_counter()
        assert client.get("/obszar/city/" + Unit.objects.current().filter(
            level__code="city").values_list("code", flat=True)[0] + "/").status_code == 200
        yield {"name": "unit page: the process's first request, the city's (not the target)",
               "seconds": round(time.perf_counter() - started, 3)}
        estates = list(Unit.objects.current().filter(level__code="estate")
                       .values_list("code", flat=True))
        if quick:
            estates = estates[:8]
        times = []
        for code in estates:
            start = time.perf_counter()
            response = client.get(f"/obszar/estate/{code}/")
            times.append(time.perf_counter() - start)
            assert response.status_code == 200, (code, response.status_code)
        first, rest = times[0], times[1:]
        yield {"name": "unit page: the first estate after warming (the level's bodies parsed)",
               "seconds": round(first, 3)}
        yield {"name": "unit page: every further estate, first visit", "units": len(rest),
               "median_ms": round(1000 * statistics.median(rest), 1),
               "max_ms": round(1000 * max(rest), 1), "target_ms": 300}
        again = []
        for code in estates:
            start = time.perf_counter()
            client.get(f"/obszar/estate/{code}/")
            again.append(time.perf_counter() - start)
        yield {"name": "unit page: asked again (stored)", "units": len(estates),
               "median_ms": round(1000 * statistics.median(again), 1),
               "max_ms": round(1000 * max(again), 1), "target_ms": 300}


if __name__ == "__main__":
    import json
    import sys

    for figure in run(quick="--quick" in sys.argv):
        print(json.dumps(figure))
