"""Bad input to the API: every operation of /api/v1, fuzzed from its OpenAPI schema with
schemathesis (in-process, through the WSGI handler), answers anonymous callers, an
institution's API token, a signed-in analyst and a worker who checks clients with a
documented status code and a body its schema describes; never a 500, never a traceback
(issue 16, "Bad input, limits")."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client, override_settings
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from kooperacja import policy
from kooperacja.api import api
from kooperacja.indicators.tests.world import build_city, counts
from kooperacja.records.models import Submission
from kooperacja.resources.models import Resource, ResourceKind
from kooperacja.security.tokens import issue_token
from kooperacja.testing import _root_unit, build_personas

pytestmark = pytest.mark.django_db
# Examples per operation and caller: enough to reach every parameter's odd values (empty,
# huge, control characters, wrong types) and keep the test near a minute on each database.
EXAMPLES = 15
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def wsgi_app() -> Iterator[WSGIHandler]:
    """Django's own WSGI handler, but (as Django's test client does) without closing the
    test's database connection at the start and end of each request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def callers(db) -> dict[str, dict[str, str]]:
    """Headers of each caller: anonymous, institution A's API token, a signed-in analyst."""
    units = build_city()
    cast = build_personas(units["C"], _root_unit("Y"))
    counts(units, "2025", {"E1": 10, "E2": 10, "E3": 20, "E4": 2}, who=cast.a)
    Resource.objects.create(
        name="Punkt A",
        kind=ResourceKind.objects.first(),
        owner=cast.a,
        is_public=True,
        lon=19.01,
        lat=52.004,
    )
    _, secret = issue_token(cast.a, "fuzzing")
    analyst = Client()
    analyst.force_login(cast.analyst_x)
    session = analyst.cookies["sessionid"].value
    worker = Client()
    worker.force_login(cast.partner_a)  # checks clients before referral (with its CSRF token)
    csrf = _get_new_csrf_string()
    return {
        "anonymous": {},
        "token": {"Authorization": f"Bearer {secret}"},
        "analyst": {"Cookie": f"sessionid={session}"},
        "worker": {"Cookie": f"sessionid={worker.cookies['sessionid'].value}; csrftoken={csrf}",
                   "X-CSRFToken": csrf},
    }


@pytest.fixture
def known(callers) -> dict[str, Any]:
    """Parameter values that find something in the world of ``callers``."""
    return {
        "code": "poverty",
        "indicator": "poverty",
        "level": "estate",
        "period": "2025",
        "unit": "E1",
        "audience": "analyst",
        "q": "Długa 1",
        "address": "Długa 1",
        "resource_id": Resource.objects.get().pk,
        "submission_id": Submission.objects.get().pk,
    }


def operations() -> list[Any]:
    schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
    return [result.ok() for result in schema.get_all_operations()]


def handlers() -> dict[str, Any]:
    return {
        api.get_openapi_operation_id(operation): operation.view_func
        for _, router in api._routers
        for path_view in router.path_operations.values()
        for operation in path_view.operations
    }


def callers_of(operation: Any, callers: dict[str, dict[str, str]]) -> list[str]:
    """Anonymous callers for every operation; the token where the operation takes one, the
    analyst where the analyst asks for more than the public sees."""
    rule = policy.rule_of(handlers()[operation.definition.raw["operationId"]])
    assert rule is not None
    if rule.token:
        return ["anonymous", "token"]
    if rule.login and rule.action:
        return ["anonymous", "worker"]
    return ["anonymous", "analyst"] if rule.raised else ["anonymous"]


def test_every_api_operation_answers_bad_input_as_documented(wsgi_app, callers, known):
    failures: list[str] = []
    seen: Counter[int] = Counter()
    with override_settings(
        TASKS=IMMEDIATE, KOOPERACJA_RATE_LIMITS={"geocode": "100000/m", "near": "100000/m"},
        KOOPERACJA_CLIENT_CHECKS_PER_HOUR=100000,
    ):
        for operation in operations():
            for caller in callers_of(operation, callers):
                for strategy in strategies(operation, known):
                    try:
                        _fuzz(strategy, wsgi_app, callers[caller], seen)
                    except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 - listed below
                        failures.append(f"{operation.label} as {caller}: {exc}")
    cache.clear()
    assert not failures, "\n\n".join(failures)
    # The cases reached the handlers, found things, and were refused for every reason (a
    # sent extract is accepted in security/tests/test_api_tokens.py).
    assert {200, 400, 401, 403, 404, 422} <= set(seen), seen


def strategies(operation: Any, known: dict[str, Any]) -> list[Any]:
    """Cases from the schema alone, the same with the parameters the world knows (an
    indicator, level, period, unit or object that exists) and cases the schema forbids."""
    found = [operation.as_strategy()]
    params = {p["name"]: p["in"] for p in operation.definition.raw.get("parameters", [])}
    given_values: dict[str, dict[str, Any]] = {"path": {}, "query": {}}
    for name, where in params.items():
        if name in known:
            given_values[where][name] = known[name]
    if any(given_values.values()):
        found.append(
            operation.as_strategy(
                path_parameters=given_values["path"] or None, query=given_values["query"] or None
            )
        )
    if params or "requestBody" in operation.definition.raw:
        found.append(operation.as_strategy(generation_mode=GenerationMode.NEGATIVE))
    return found


def _fuzz(strategy: Any, app: WSGIHandler, headers: dict[str, str], seen: Counter[int]) -> None:
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        print_blob=False,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case: Any) -> None:
        # Uncompressed: the in-process client does not undo the compression middleware's gzip.
        response = case.call(app=app, headers={"Accept-Encoding": "identity", **headers})
        seen[response.status_code] += 1
        case.validate_response(response, checks=CHECKS)
        assert b"Traceback" not in response.content
        # A PESEL sent for a check is never echoed, in an answer or an error.
        sent = case.body.get("pesels") if isinstance(case.body, dict) else None
        for number in sent if isinstance(sent, list) else []:
            if isinstance(number, str) and len(number) >= 8:
                assert number.encode() not in response.content, response.status_code

    run()


@pytest.mark.parametrize(
    "language, missing, not_a_number",
    [
        ("pl", "to pole jest wymagane", "to nie jest liczba"),
        ("en", "this field is required", "not a number"),
    ],
)
def test_it_says_what_is_wrong_with_a_parameter_in_the_callers_language(
    client, language, missing, not_a_number
):
    response = client.get(
        "/api/v1/resources/gaps", {"distance": "far; Lipowa 1"}, HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 422
    detail = {tuple(e["loc"]): e for e in response.json()["detail"]}
    assert detail[("query", "indicator")] == {
        "type": "missing",
        "loc": ["query", "indicator"],
        "msg": missing,
    }
    assert detail[("query", "distance")]["msg"] == not_a_number
    assert "Lipowa" not in response.content.decode()  # the value is never echoed


def test_a_nul_character_is_a_bad_value_not_a_database_error(client):
    # PostgreSQL refuses NUL in text: the units' level once reached it and failed there.
    response = client.get("/api/v1/units", {"level": "estate\x00"})
    assert response.status_code == 422
    assert response.json()["detail"] == [{"type": "value_error", "loc": ["query", "level"],
                                          "msg": "znak NUL, którego żadna wartość nie może mieć"}]
    assert client.get("/zasoby/", {"q": "a\x00"}).status_code == 400


def test_it_names_the_allowed_values_and_refuses_a_body_that_is_not_json(client):
    response = client.get(
        "/api/v1/indicators/poverty/values", {"level": "estate", "period": "2025", "classes": "x"}
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"].startswith("to nie jest żadna z dozwolonych")
    assert "'quantiles'" in response.json()["detail"][0]["msg"]
    response = client.post("/api/v1/addresses/geocode", "{", content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"detail": "treść żądania nie jest poprawnym JSON-em"}


def test_it_asks_for_a_token_and_says_when_nothing_is_found_in_polish(client, db):
    assert (
        client.get("/api/v1/submissions/1")
        .json()["detail"]
        .startswith("potrzebny jest token API instytucji")
    )
    assert client.get("/api/v1/resources/1").json() == {"detail": "nie znaleziono"}
