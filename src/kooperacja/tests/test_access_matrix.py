"""Every URL of the site, every persona: the response agrees with the policy's table.

The URL configuration is walked (the site's views, the administration panel's pages) and
the API's operations are read from its OpenAPI schema; a view without a declared rule
(kooperacja.policy: public, signed_in, requires, public_unless; PolicyAdmin for the
panel) fails here, so a new URL cannot go without one.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any
from urllib.parse import urlparse

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from kooperacja import policy
from kooperacja.api import api
from kooperacja.cooperation.tests import world as cooperation
from kooperacja.cycles.services.cycles import create_cycle, request_data
from kooperacja.indicators.tests.world import build_city, counts
from kooperacja.policy.admin import PolicyAdmin
from kooperacja.programmes.tests.world import programme_world
from kooperacja.records.models import AuditEvent, Submission
from kooperacja.reports import snapshot
from kooperacja.reports.models import ReportFile, SavedReport
from kooperacja.reports.tests.fakes import Engine
from kooperacja.resources.models import Resource, ResourceKind
from kooperacja.testing import PERSONAS, SAMPLE_DATA, _root_unit, build_personas
from kooperacja.training.services import recruitment
from kooperacja.training.tests.conftest import application, make_offer

pytestmark = pytest.mark.django_db
LOGIN, FORBIDDEN, HIDDEN, ALLOWED = "login", "forbidden", "hidden", "allowed"
TOKEN = "token needed"


@pytest.fixture
def world(db):
    units = build_city()
    cast = build_personas(units["C"], _root_unit("Y"))
    counts(units, "2025", {"E1": 10, "E2": 10, "E3": 20, "E4": 2}, who=cast.a)
    cast.submission = Submission.objects.filter(institution=cast.a).first()
    cast.resource = Resource.objects.create(name="Punkt A", kind=ResourceKind.objects.first(),
                                            owner=cast.a, is_public=True)
    AuditEvent.objects.create(actor="x", action="view", object_type="x", object_id="1")
    # A published report of territory C (its team's pages, and the public's download).
    cast.report = SavedReport.objects.create(
        template="diagnoza", territory="C", unit="C", period="2025", state="done",
        status="published", content=snapshot.dump(Engine().build_report("diagnoza", "C", "2025")))
    ReportFile.objects.create(report=cast.report, format="html", data=b"<p>report</p>")
    cast.cooperation = cooperation.cooperation_world(cast)  # a team of X, two agreements
    cast.programme = programme_world(units["C"]).programme  # public: everyone sees it
    # A training offer of institution A with one applicant (its staff's pages answer another
    # institution's staff 403, not 404: the offer itself is public).
    cast.offer = make_offer(cast.a)
    cast.applicant = recruitment.apply(cast.offer, application("Ala Nowak"))
    # A diagnosis cycle of territory C asking institution A for its data.
    cast.cycle = create_cycle(cast.coordinator, name="Diagnoza", territory=units["C"],
                              period="2025")
    request_data(cast.coordinator, cast.cycle, cast.a, layout="mops", due_date=dt.date(2025, 3, 1))
    return cast


def outcome(response: Any) -> str:
    if response.status_code == 500:
        raise AssertionError("500")
    location = response.get("Location", "")
    if response.status_code == 302 and ("/logowanie/" in location or "/admin/login/" in location):
        return LOGIN
    return {401: TOKEN, 403: FORBIDDEN, 404: HIDDEN}.get(response.status_code, ALLOWED)


def walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Any:
    for p in patterns:
        if isinstance(p, URLResolver):
            inner = f"{namespace}:{p.namespace}".strip(":") if p.namespace else namespace
            yield from walk(p.url_patterns, prefix + str(p.pattern), inner)
        else:
            yield prefix + str(p.pattern), f"{namespace}:{p.name or ''}".strip(":"), p


def site_urls(world: Any) -> list[tuple[str, str, Any, int | None]]:
    """(url, name, rule, owning institution) of every non-admin, non-API view."""
    found = []
    for route, name, pattern in walk(get_resolver().url_patterns):
        if route.startswith(("admin/", "api/v1/")) and name not in policy.FOREIGN_VIEWS:
            continue
        rule = policy.FOREIGN_VIEWS.get(name) or policy.rule_of(pattern.callback)
        assert rule is not None, f"{route} ({name}) has no access rule in kooperacja.policy"
        kwargs, owner = {}, None
        for param in re.findall(r"<(?:\w+:)?(\w+)>", route):
            if name.startswith("records:"):
                kwargs[param], owner = world.submission.pk, world.a.pk
            elif name == "web:unit":  # a unit of territory C, with published values
                kwargs[param] = {"level": "estate", "code": "E1"}[param]
            elif name.startswith("cooperation:"):
                kwargs[param] = cooperation.url_kwargs(world.cooperation)[param]
            elif name.startswith("training:"):
                kwargs[param] = {"offer": world.offer.pk, "applicant": world.applicant.pk,
                                 "fmt": "csv"}[param]
                if param == "offer" and policy.rule_of(pattern.callback).action:
                    owner = world.a.pk  # the offer's staff pages; the overall ones are own
            elif name.startswith("reports:"):
                kwargs[param] = {"pk": world.report.pk, "fmt": "html"}[param]
            elif name.startswith("programmes:"):  # a public programme of territory C
                kwargs[param] = world.programme.pk
            elif name.startswith("cycles:"):  # seen by territory C's team and by A
                kwargs[param], owner = world.cycle.pk, world.a.pk
            elif param == "pk":
                kwargs[param] = world.resource.pk
            else:
                kwargs[param] = "MQ" if param == "uidb64" else "not-a-token"
        found.append((reverse(name, kwargs=kwargs), name, rule, owner))
    return found


def expected(user: Any, rule: policy.Rule, owner: int | None, full: str,
             anonymous: str = LOGIN, territory: str | None = None, gate: Any = None,
             outside: str = HIDDEN, elsewhere: str = HIDDEN) -> str:
    """What ``user`` should get, ``full`` being what the installation's administrator got;
    ``elsewhere`` is the answer to someone of another territory."""
    if rule.token:
        return TOKEN
    if rule.action is None and not rule.login:
        return full
    if not user.is_authenticated:
        return anonymous
    if gate is not None and not gate(user):  # a team's members only (cooperation app)
        return FORBIDDEN
    if rule.action is not None and not policy.allows(user, rule.action):
        return FORBIDDEN
    if owner is not None and territory is not None:  # a row seen through either
        if not (policy.allows(user, rule.action, institution=owner)
                or policy.allows(user, rule.action, territory=territory)):
            return elsewhere
        return full
    if owner is not None and not policy.allows(user, rule.action, institution=owner):
        return outside
    if territory is not None and not policy.allows(user, rule.action, territory=territory):
        return elsewhere
    return full


def clients(world: Any) -> dict[str, Client]:
    found = {}
    for name in PERSONAS:
        found[name] = Client()
        if name != "anonymous":
            found[name].force_login(getattr(world, name))
    return found


def check(world: Any, url: str, rule: policy.Rule, owner: int | None, method: str = "get",
          anonymous: str = LOGIN, territory: str | None = None, gate: Any = None,
          outside: str = HIDDEN, elsewhere: str = HIDDEN,
          **extra: Any) -> list[str]:
    """Mismatches of one URL over every persona; public views answer every persona as
    they answer the installation's administrator (a 404 for data, never for a person)."""
    people = clients(world)
    reference = outcome(getattr(people["installation"], method)(url, **extra))
    assert reference not in (LOGIN, FORBIDDEN, TOKEN) or rule.login or rule.action, url
    wrong = []
    for name, client in people.items():
        user = getattr(world, name)
        want = expected(user, rule, owner, reference, anonymous, territory, gate, outside,
                        elsewhere)
        got = outcome(getattr(client, method)(url, **extra))
        if got != want:
            wrong.append(f"{method.upper()} {url} as {name}: {got}, policy says {want}")
    return wrong


# Pages about one unit: its territory's analysts see it at their threshold, others get 403
# (audited; the same for a unit that does not exist).
UNIT_PAGES = {"web:unit": "C"}


def test_every_site_url_answers_each_persona_as_the_policy_says(world):
    wrong = []
    for url, name, rule, owner in site_urls(world):
        # A report's team pages are its territory's: another territory's analyst gets 403
        # (as for a report that does not exist; policy.one_in_scope).
        territory = "C" if name.startswith("reports:") and rule.action and "/raporty/" in url \
            and url != reverse("reports:index") else None
        if name.startswith("cycles:") and owner is not None:
            territory = "C"
        wrong += check(world, url, rule, owner, territory=territory,
                       gate=cooperation.gate(world.cooperation, name),
                       outside=FORBIDDEN if name.startswith("training:") else HIDDEN,
                       elsewhere=FORBIDDEN)
        if rule.raised:
            param, value, action = rule.raised
            wrong += check(world, f"{url}?{param}={value}", policy.Rule(action=action, login=True),
                           None, territory=UNIT_PAGES.get(name), elsewhere=FORBIDDEN)
    assert wrong == [], "\n".join(wrong)


SAMPLES = {"code": "poverty", "indicator": "poverty", "level": "estate", "period": "2025",
           "unit": "E1", "q": "Długa 1", "address": "Długa 1"}


# Bodies of POST operations that need more than a query ("q").
POST_BODIES = {"/api/v1/checks": {"instrument_type": "training", "basis": "consent",
                                  "pesels": ["44051401359"]}}


def api_operations() -> list[tuple[str, str, policy.Rule, dict[str, Any]]]:
    """(path, method, rule, required parameters) of every operation in the schema."""
    handlers = {}
    for _, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                handlers[api.get_openapi_operation_id(operation)] = operation.view_func
    schema = api.get_openapi_schema()
    found = []
    for path, methods in schema["paths"].items():
        for method, spec in methods.items():
            rule = policy.rule_of(handlers[spec["operationId"]])
            assert rule is not None, f"{method} {path} has no access rule in kooperacja.policy"
            params = {p["name"]: p for p in spec.get("parameters", []) if p.get("required")}
            found.append((path, method, rule, params))
    return found


def test_every_api_operation_answers_each_persona_as_the_policy_says(world):
    wrong = []
    for path, method, rule, params in api_operations():
        ids = {"resource_id": world.resource.pk, "submission_id": world.submission.pk,
               "offer_id": world.offer.pk, "programme_id": world.programme.pk}
        values = {n: ids[n] if n in ids else SAMPLES[n] for n in params}
        url = path.format(**values)
        query = {n: v for n, v in values.items() if params[n]["in"] == "query"}
        extra: dict[str, Any] = {"data": query}
        if method == "post":
            body = POST_BODIES.get(path, {"q": SAMPLES["q"]})
            extra = {"data": json.dumps(body), "content_type": "application/json"}
        # Operations for signed-in people or members answer an anonymous caller 403 (no
        # login page in the API).
        anonymous = FORBIDDEN if (rule.login or rule.action) and not rule.token else LOGIN
        wrong += check(world, url, rule, None, method, anonymous=anonymous, **extra)
        if rule.raised and method == "get":
            param, value, action = rule.raised
            # A unit's series is its territory's: another territory's analyst gets 403. An
            # indicator's figures at the analysts' level are computed over the analyst's own
            # territories: Y's, without data, gets 404, as an installation without data.
            territory, elsewhere = (("C", FORBIDDEN) if "unit" in params else
                                    ("C", HIDDEN) if "/indicators/{code}/" in path else
                                    (None, FORBIDDEN))
            wrong += check(world, url, policy.Rule(action=action, login=True), None,
                           anonymous=FORBIDDEN, territory=territory, elsewhere=elsewhere,
                           data=query | {param: value})
    assert wrong == [], "\n".join(wrong)


def admin_pages(world: Any) -> list[tuple[str, str, Any, Any]]:
    """(url, page, model admin or None for the panel's own pages, object's owner id)."""
    found = []
    for route, name, _pattern in walk(get_resolver().url_patterns):
        if not route.startswith("admin/"):
            continue
        admins = {f"admin:{m._meta.app_label}_{m._meta.model_name}": a
                  for m, a in admin.site._registry.items()}
        prefix, _, page = name.rpartition("_")
        if name.endswith("_password_change"):
            prefix, page = name.removesuffix("_password_change"), "password_change"
        model_admin = admins.get(prefix)
        if model_admin is None:
            if name not in ("admin:view_on_site", "admin"):  # redirects elsewhere, or 404
                kwargs = {"app_label": "records"} if name == "admin:app_list" else {}
                found.append((reverse(name, kwargs=kwargs), name, None, None))
            continue
        assert isinstance(model_admin, PolicyAdmin), f"{name}: its ModelAdmin is not a PolicyAdmin"
        kwargs, owner = {}, None
        key = next((k for k in ("object_id", "id", "pk")
                    if re.search(rf"<(?:\w+:)?{k}>", route)), None)
        if key is not None:
            obj = model_admin.model._default_manager.first()
            if model_admin.model is Resource:
                obj = world.resource
            kwargs = {key: obj.pk if obj else 999999}
            owner = obj
        found.append((reverse(name, kwargs=kwargs), page, model_admin, owner))
    return found


def expected_in_admin(user: Any, page: str, model_admin: Any, obj: Any) -> str:
    if not policy.may_use_admin(user):
        return LOGIN
    action = model_admin.access_action
    reader = model_admin.read_action is not None and policy.allows(user, model_admin.read_action)
    if not policy.allows(user, action) and not reader:
        # Django's history page looks the object up (in the rows one may see) first.
        return "missing" if page == "history" else FORBIDDEN
    if page == "add" and not model_admin.addable or page == "delete" and not model_admin.deletable:
        return FORBIDDEN
    if reader and not policy.allows(user, action):
        if page in ("add", "delete"):
            return FORBIDDEN
        return ALLOWED if page == "changelist" or obj is not None else "missing"
    if page in ("changelist", "add"):
        return ALLOWED
    if obj is None:
        return "missing"
    rows_for = getattr(model_admin, "rows_for", None)  # the rows of one's territories
    if rows_for is not None and not rows_for(user).filter(pk=obj.pk).exists():
        return "missing"
    owner = obj
    for part in (model_admin.institution_field or "").split("__"):
        owner = getattr(owner, part, None) if part else owner
    if model_admin.institution_field and not policy.allows(user, action, institution=owner):
        return "missing"
    return ALLOWED


def sees_app(user: Any, app_label: str) -> bool:
    return any(policy.allows(user, a.access_action)
               or (a.read_action is not None and policy.allows(user, a.read_action))
               for m, a in admin.site._registry.items() if m._meta.app_label == app_label)


def admin_outcome(response: Any) -> str:
    if response.status_code == 302 and urlparse(response["Location"]).path == reverse(
        "admin:index"
    ):
        return "missing"  # the panel says the object does not exist and goes to its index
    return outcome(response)


def test_every_admin_page_answers_each_persona_as_the_policy_says(world):
    people = clients(world)
    wrong = []
    for url, page, model_admin, obj in admin_pages(world):
        for name, client in people.items():
            user = getattr(world, name)
            got = admin_outcome(client.get(url))
            if model_admin is None:  # the panel's own pages
                if page in ("admin:login", "admin:logout"):
                    continue  # open to all
                want = ALLOWED if policy.may_use_admin(user) else LOGIN
                if page == "admin:autocomplete" and want == ALLOWED:
                    want = FORBIDDEN  # asked without its parameters
                if page == "admin:app_list" and want == ALLOWED and not sees_app(user, "records"):
                    want = HIDDEN  # an app none of whose models one may see (a coordinator)
            else:
                want = expected_in_admin(user, page, model_admin, obj)
            if got != want:
                wrong.append(f"GET {url} as {name}: {got}, policy says {want}")
    assert wrong == [], "\n".join(wrong)


def test_the_security_page_shows_the_policys_table():
    page = (SAMPLE_DATA.parent.parent / "docs" / "security.md").read_text(encoding="utf-8")
    assert policy.roles_table() in page
