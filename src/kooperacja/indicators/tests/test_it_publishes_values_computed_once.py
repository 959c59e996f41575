"""Published values are computed once per change of their inputs and served as stored,
with ETag and Last-Modified; a new submission, a withdrawn one, a new definition, new
population or a new generation of units make them computed again."""

from __future__ import annotations

import gzip
import json

import pytest

from kooperacja.indicators.models import Indicator
from kooperacja.indicators.tests.world import counts, institution
from kooperacja.records.models import AuditEvent, Submission
from kooperacja.territory.models import Generation, Population
from kooperacja.territory.signals import generation_activated

pytestmark = pytest.mark.django_db
URL = "/api/v1/indicators/poverty/values"


def values(client, level="estate", **headers):
    return client.get(URL, {"level": level, "period": "2025"}, headers=headers)


def rate(client, unit="E1") -> float:
    body = json.loads(values(client).content)
    return next(r["value"] for r in body["values"] if r["unit_code"] == unit)


def checks() -> int:
    """Each computation runs a disclosure check, and the audit log records it."""
    return AuditEvent.objects.filter(action="disclosure_check").count()


def test_it_computes_every_level_once_and_serves_the_stored_values(client, city):
    first = values(client)
    for level in ("estate", "district", "city", "estate"):
        assert values(client, level).status_code == 200
    assert checks() == 1
    assert values(client).content == first.content


def test_it_answers_304_when_the_values_did_not_change(client, city):
    first = values(client)
    assert first["ETag"] and first["Last-Modified"]
    again = values(client, if_none_match=first["ETag"])
    assert again.status_code == 304 and again.content == b""


def test_it_compresses_the_values(client, city):
    response = values(client, accept_encoding="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(response.content))["indicator"] == "poverty"


def test_it_computes_again_after_a_new_submission(client, city):
    before, etag = rate(client), values(client)["ETag"]
    counts(city, "2025", {"E1": 60}, who=institution("ngo", "ngo"))
    assert rate(client) > before
    assert values(client, if_none_match=etag).status_code == 200
    assert checks() == 2


def test_it_computes_again_after_a_submission_is_withdrawn(client, city):
    extra = counts(city, "2025", {"E1": 60}, who=institution("ngo", "ngo"))
    before = rate(client)
    extra.status = Submission.Status.REPLACED
    extra.save()
    assert rate(client) < before


def test_it_computes_again_after_the_definition_changes(client, city):
    before = rate(client)
    poverty = Indicator.objects.get(code="poverty")
    poverty.per = poverty.per * 10
    poverty.save()
    assert rate(client) == pytest.approx(before * 10)


def test_it_computes_again_after_population_or_units_change(client, city):
    rate(client)
    row = Population.objects.filter(unit=city["E1"]).first()
    row.count = row.count * 2
    row.save()
    rate(client)
    generation_activated.send(sender=Generation, generation=city["E1"].generation)
    rate(client)
    assert checks() == 3


def test_it_keeps_the_audiences_apart(client, cast):
    values(client)
    client.force_login(cast.analyst_x)
    analyst = json.loads(client.get(URL, {"level": "estate", "period": "2025",
                                          "audience": "analyst"}).content)
    assert analyst["audience"] == "analyst" and checks() == 2
