"""The API never gives the public a count below 5, and says why it holds one back."""

from __future__ import annotations

import json

import pytest

from kooperacja.indicators.models import Indicator

pytestmark = pytest.mark.django_db


def get(client, url, **params):
    response = client.get(url, params)
    return response.status_code, json.loads(response.content)


def test_it_lists_only_public_indicators_without_login(client, city):
    Indicator.objects.filter(code="disability").update(public=False)
    status, body = get(client, "/api/v1/indicators")
    ids = {i["id"] for i in body}
    assert status == 200 and "poverty" in ids and "disability" not in ids
    poverty = next(i for i in body if i["id"] == "poverty")
    assert poverty["periods"] == ["2024", "2025"]


def test_it_never_returns_a_count_below_5_to_the_public_and_says_why(client, city):
    for period in ("2024", "2025"):
        for level in ("city", "district", "estate"):
            status, body = get(client, "/api/v1/indicators/poverty/values", level=level,
                               period=period)
            assert status == 200 and body["k"] == 5 and body["audience"] == "public"
            for row in body["values"]:
                assert row["numerator"] is None or row["numerator"] == 0 or row["numerator"] >= 5
                if row["numerator"] is None:
                    assert row["value"] is None and row["lower"] is None and row["smoothed"] is None
                    assert row["hidden"] and row["reason"] in ("fewer than k", "secondary")
                    assert row["label"]
    status, body = get(client, "/api/v1/indicators/poverty/values", level="estate", period="2025")
    e4 = next(r for r in body["values"] if r["unit_code"] == "E4")
    assert e4["reason"] == "fewer than k" and "5" in e4["label"]
    assert body["hidden"] == 2


def test_it_keeps_non_public_indicators_from_the_public(client, city):
    Indicator.objects.filter(code="poverty").update(public=False)
    status, _ = get(client, "/api/v1/indicators/poverty/values", level="estate", period="2025")
    assert status == 404


def test_it_refuses_the_analyst_threshold_to_anyone_but_analysts(client, cast):
    assert get(client, "/api/v1/indicators/poverty/values", level="estate", period="2025",
               audience="analyst")[0] == 403
    client.force_login(cast.partner_a)
    assert get(client, "/api/v1/indicators/poverty/values", level="estate", period="2025",
               audience="analyst")[0] == 403
    client.force_login(cast.analyst_x)
    status, body = get(client, "/api/v1/indicators/poverty/values", level="estate", period="2025",
                       audience="analyst")
    assert status == 200 and body["k"] == 3
    assert next(r for r in body["values"] if r["unit_code"] == "E4")["numerator"] == 3


def test_it_gives_the_legend_with_class_counts_and_a_unit_series(client, city):
    status, body = get(client, "/api/v1/indicators/poverty/values", level="district", period="2025",
                       classes="equal_interval")
    assert sum(c["count"] for c in body["legend"]) == 2
    status, card = get(client, "/api/v1/indicators/poverty/units/D1", period="2025")
    assert status == 200 and [p["period"] for p in card["series"]] == ["2024", "2025"]
    assert card["series"][1]["value"] == pytest.approx(40 / 3000 * 1000)
    assert card["rank"] == 1 and card["of"] == 2


def test_it_says_what_is_wrong_with_an_unknown_period(client, city):
    status, body = get(client, "/api/v1/indicators/poverty/values", level="estate", period="2019")
    assert status == 404 and "2019" in body["detail"]
