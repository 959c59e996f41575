"""Two gminas in one installation: an analyst of A reads nothing of B at the analysts'
level (values, counts, overlap, reports, cycles, programmes) through any URL, API operation
or export, and never learns whether B's data exist.

The requests are generated: every view of the URL configuration and every operation of
the OpenAPI schema, each parameter filled with B's objects (its units and TERYT code, its
MOPS, its report, cycle and programme) and every query that asks for a territory, a unit or
the analysts' view (``t``, ``territory``, ``unit``, ``view=analyst``, ``audience=analyst``).
Each is asked by A's analyst twice, before and after B's people move between B's estates
(which changes B's values at the analysts' level and nothing else, tests/two_gminas.py):
the two answers must be the same, or both 403. So must every request filled with A's own
objects instead: no class boundary, smoothing prior, rate or period list of A's own carries
B's counts. The same request naming a unit or territory that does not exist gets the same
status as B's; a 403 is in the audit log.
"""

from __future__ import annotations

import difflib
import io
import json
import re
from typing import Any, Literal

import openpyxl
import pytest
from django.test import Client
from django.urls import get_resolver, reverse

from kooperacja.api import api
from kooperacja.cycles.services.cycles import create_cycle
from kooperacja.indicators.models import Indicator
from kooperacja.programmes.models import Programme
from kooperacja.records.models import AuditEvent
from kooperacja.reports import snapshot
from kooperacja.reports.models import ReportFile, SavedReport
from kooperacja.reports.tests.fakes import Engine
from kooperacja.tests import two_gminas
from kooperacja.tests.test_access_matrix import walk
from kooperacja.tests.two_gminas import PERIOD, B

# Transactions committed: the public answers' version moves on at each import's commit.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SECRET = "TAJNE-B"  # in the names and contents of B's report, cycle and programme
MISSING_UNIT, MISSING_TERRITORY = "B9", "2499099"
# Whose objects fill the requests: B's, ones that do not exist, or A's own.
Which = Literal["b", "missing", "own"]


@pytest.fixture
def world(tmp_path):
    world = two_gminas.build_world(tmp_path)
    world.folder = tmp_path
    world.report = SavedReport.objects.create(
        template="diagnoza", territory=B, unit=B, period=PERIOD, state="done", status="draft",
        audience="analyst", narrative=f"{SECRET} narracja",
        content=snapshot.dump(Engine().build_report("diagnoza", B, PERIOD)))
    ReportFile.objects.create(report=world.report, format="html",
                              data=f"<p>{SECRET} raport</p>".encode())
    world.cycle = create_cycle(None, name=f"Diagnoza {SECRET}", territory=world.b,
                               period=PERIOD)
    world.programme = Programme.objects.create(
        name=f"Program {SECRET}", kind=Programme.Kind.STRATEGY, territory=world.b,
        year_from=2025, year_until=2028, is_public=False)
    return world


def _objects(world: Any, which: Which) -> dict[str, Any]:
    """Parameter name → B's object (or one that does not exist, or A's)."""
    if which == "own":
        return {"unit": "A1", "territory": two_gminas.A, "t": two_gminas.A,
                "institution": "MOPS-A", "submission_id": world.mops_a_submission.pk,
                "programme_id": 999999, "programme": 999999}
    missing = which == "missing"
    return {
        "unit": MISSING_UNIT if missing else "B1",
        "territory": MISSING_TERRITORY if missing else B,
        "t": MISSING_TERRITORY if missing else B,
        "institution": "MOPS-B9" if missing else "MOPS-B",
        "submission_id": 999999 if missing else world.mops_b_submission.pk,
        "programme_id": 999999 if missing else world.programme.pk,
        "programme": 999999 if missing else world.programme.pk,
    }


# Path parameters of the site's views that name an object of B, by URL namespace.
def _site_pk(world: Any, name: str, which: Which) -> int:
    if which == "own" and name.startswith("records:"):
        return int(world.mops_a_submission.pk)
    if which != "b":  # A has no report, cycle or programme
        return 999999
    if name.startswith("reports:"):
        return int(world.report.pk)
    if name.startswith("cycles:"):
        return int(world.cycle.pk)
    if name.startswith("records:"):
        return int(world.mops_b_submission.pk)
    return 999999


SITE_FILL = {"level": "estate", "fmt": "csv", "uidb64": "MQ", "token": "not-a-token",
             "team": "zespol-b", "offer": 999999, "applicant": 999999, "agreement": 999999,
             "meeting": 999999, "task": 999999}


def site_requests(world: Any, which: Which) -> list[tuple[str, str, dict[str, str]]]:
    """(name, url, query) of every view but the administration's and the API's."""
    b = _objects(world, which)
    found = []
    for route, name, _pattern in walk(get_resolver().url_patterns):
        if route.startswith(("admin/", "api/v1/")):
            continue
        kwargs: dict[str, Any] = {}
        for param in re.findall(r"<(?:\w+:)?(\w+)>", route):
            if param == "code":  # a unit's page
                kwargs[param] = b["unit"]
            elif param == "pk":
                kwargs[param] = _site_pk(world, name, which)
            elif param in b:
                kwargs[param] = b[param]
            else:
                kwargs[param] = SITE_FILL[param]
        query = {"view": "analyst", "audience": "analyst", "t": b["t"],
                 "territory": b["territory"], "unit": b["unit"], "level": "estate",
                 "period": PERIOD, "indicator": "poverty", "format": "csv",
                 "institution": b["institution"]}
        found.append((name, reverse(name, kwargs=kwargs), query))
    return found


def api_requests(world: Any, which: Which) -> list[tuple[str, str, str, dict[str, Any]]]:
    """(operation, method, url, query or body) of every operation, for every indicator."""
    b = _objects(world, which)
    indicators = list(Indicator.objects.values_list("code", flat=True))
    fill = {"level": "estate", "period": PERIOD, "audience": "analyst", "q": "Długa 1",
            "address": "Długa 1", "resource_id": 999999, "offer_id": 999999, **b}
    found = []
    for path, methods in api.get_openapi_schema()["paths"].items():
        for method, spec in methods.items():
            params = {p["name"]: p["in"] for p in spec.get("parameters", [])}
            for code in indicators if "code" in params else [None]:
                values = {n: fill[n] for n in params if n in fill}
                if code is not None:
                    values["code"] = code
                url = path.format(**{n: v for n, v in values.items() if params[n] == "path"})
                query = {n: v for n, v in values.items() if params[n] == "query"}
                found.append((spec["operationId"], method, url, query))
    return found


# A submission an output comes from, as its provenance names it (records/services/exports.py
# submission_provenance): which institution sent which period is public (the catalogue and
# the public answers list it), its number changes with every new extract.
PROVENANCE = re.compile(r'"id": \d+, "institution": ("[^"]*"), "period": ("[^"]*"), "version": \d+')


def _normal(body: bytes) -> str:
    """The body without what differs between any two requests (form tokens, nonces, times,
    submissions' numbers); a workbook's cells."""
    if body.startswith(b"PK"):
        workbook = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
        body = json.dumps([list(sheet.values) for sheet in workbook.worksheets],
                          default=str).encode()
    text = PROVENANCE.sub(r'"institution": \1, "period": \2', body.decode("utf-8", "replace"))
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", text)
    text = re.sub(r'nonce="[^"]*"', "", text)
    return re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d[.\d]*)?(Z|[+-]\d\d:\d\d)?", "TIME", text)


def ask(client: Client, method: str, url: str, query: dict[str, Any]) -> tuple[int, str]:
    if method == "get":
        response = client.get(url, query)
    else:
        response = client.post(url, json.dumps(query | {"q": "Długa 1"}),
                               content_type="application/json")
    assert response.status_code != 500, f"{method} {url}"
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, _normal(body)


def answers(world: Any, client: Client, which: Which = "b") -> dict[str, tuple[int, str]]:
    """Status and body of every request, by the view's name or the operation and indicator
    (the same for B's objects and for missing ones)."""
    found = {}
    for name, url, query in site_requests(world, which):
        found[f"GET {name}"] = ask(client, "get", url, query)
    for operation, method, url, query in api_requests(world, which):
        code = url.split("/indicators/")[1].split("/")[0] if "/indicators/" in url else ""
        found[f"{method.upper()} {operation} {code}".strip()] = ask(client, method, url, query)
    return found


def _changed(label: str, before: tuple[int, str], after: tuple[int, str]) -> str:
    lines = difflib.unified_diff(before[1].replace(",", ",\n").splitlines(),
                                 after[1].replace(",", ",\n").splitlines(), lineterm="", n=0)
    return f"{label}: {before[0]} then {after[0]}\n" + "\n".join(list(lines)[2:12])


def test_an_analyst_of_one_gmina_reads_nothing_of_the_other(world):
    a = Client()
    a.force_login(world.analyst_a)
    b = Client()
    b.force_login(world.analyst_b)
    before = answers(world, a) | {f"own {k}": v for k, v in answers(world, a, "own").items()}
    b_before = b.get("/api/v1/indicators/poverty/values",
                     {"level": "estate", "period": PERIOD, "audience": "analyst"}).json()
    two_gminas.move_b(world, world.folder)
    after = answers(world, a) | {f"own {k}": v for k, v in answers(world, a, "own").items()}
    b_after = b.get("/api/v1/indicators/poverty/values",
                    {"level": "estate", "period": PERIOD, "audience": "analyst"}).json()

    # B's analysts see their values change: the move is one A's analyst could notice.
    values = ({v["unit_code"]: v["value"] for v in found["values"]}
              for found in (b_before, b_after))
    assert next(values) != next(values)

    leaks = [_changed(label, before[label], answer) for label, answer in after.items()
             if not (answer[0] == 403 == before[label][0]) and before[label] != answer]
    assert leaks == [], "A's analyst's answer changed when B's people moved:\n" + "\n".join(leaks)
    shown = [label for label, (_, body) in after.items() if SECRET in body]
    assert shown == [], "B's report, cycle or programme shown to A's analyst:\n" + \
        "\n".join(shown)


# Public answers about a territory (?t=): which territories there are is public (the
# selector lists them), so an unknown one is not found for anyone. They show no analysts'
# value (the test above).
PUBLIC_TERRITORIES = {"GET kooperacja_territory_api_units", "GET web:region",
                      "GET web:region-download"}


def test_a_request_for_another_gminas_territory_is_refused_alike_whether_it_exists_or_not(world):
    a = Client()
    a.force_login(world.analyst_a)
    denied = AuditEvent.objects.filter(action=AuditEvent.Action.DENIED)
    seen = denied.count()
    existing = {label: status for label, (status, _) in answers(world, a).items()}
    refused = denied.count() - seen
    missing = {label: status for label, (status, _) in answers(world, a, "missing").items()}
    differ = [f"{label}: {existing[label]} for B's, {missing.get(label)} for a missing one"
              for label in existing if existing[label] != missing.get(label)
              and label not in PUBLIC_TERRITORIES]
    assert differ == []
    # An analyst's own unit page and series, asked for B's unit: 403, audited.
    assert existing["GET web:unit"] == 403
    assert existing[next(k for k in existing if "_series " in k and k.endswith(" poverty"))] == 403
    assert refused == sum(status == 403 for status in existing.values())


def test_a_form_naming_another_gminas_territory_is_refused_alike_whether_it_exists_or_not(world):
    a = Client()
    a.force_login(world.coordinator_a)
    denied = AuditEvent.objects.filter(action=AuditEvent.Action.DENIED, user=world.coordinator_a)
    report = {"template": "diagnoza", "period": PERIOD, "audience": "analyst", "format": "docx"}
    for territory in (B, MISSING_TERRITORY):
        assert a.post(reverse("reports:index"), report | {"territory": territory}).status_code \
            == 403
    cycle = {"name": "Diagnoza", "period": PERIOD}
    for territory in (world.b.pk, 999999):
        assert a.post(reverse("cycles:create"), cycle | {"territory": territory}).status_code \
            == 403
    assert denied.count() == 4
    assert not SavedReport.objects.exclude(pk=world.report.pk).exists()
    # Their own territory's form goes on (a report is queued).
    assert a.post(reverse("reports:index"), report | {"territory": two_gminas.A}).status_code \
        == 302
