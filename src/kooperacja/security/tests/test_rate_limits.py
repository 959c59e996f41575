"""The public endpoints that geocode an address answer 429 with Retry-After past a rate."""

from __future__ import annotations

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db
LIMITS = {"geocode": "3/m", "near": "2/h"}


@override_settings(KOOPERACJA_RATE_LIMITS=LIMITS)
def test_geocoding_refuses_a_client_past_its_rate_and_says_when_to_retry(client):
    for _ in range(3):
        assert client.get("/api/v1/addresses/geocode", {"q": "Długa 1"}).status_code == 200
    refused = client.post("/api/v1/addresses/geocode", {"q": "Długa 1"},
                          content_type="application/json")
    assert refused.status_code == 429
    assert 0 < int(refused.headers["Retry-After"]) <= 60


@override_settings(KOOPERACJA_RATE_LIMITS=LIMITS)
def test_another_client_address_has_its_own_count(client):
    for _ in range(3):
        client.get("/api/v1/addresses/geocode", {"q": "Długa 1"})
    assert client.get("/api/v1/addresses/geocode", {"q": "x"}).status_code == 429
    other = client.get("/api/v1/addresses/geocode", {"q": "x"}, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200


@override_settings(KOOPERACJA_RATE_LIMITS=LIMITS)
def test_a_forwarded_for_header_does_not_reset_the_count(client):
    for _ in range(3):
        client.get("/api/v1/addresses/geocode", {"q": "Długa 1"})
    spoofed = client.get("/api/v1/addresses/geocode", {"q": "x"},
                         HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert spoofed.status_code == 429


@override_settings(KOOPERACJA_RATE_LIMITS=LIMITS)
def test_help_near_an_address_has_its_own_rate(client):
    for _ in range(2):
        assert client.get("/api/v1/resources/near", {"address": "Długa 1"}).status_code == 200
    refused = client.get("/api/v1/resources/near", {"address": "Długa 1"})
    assert refused.status_code == 429
    assert 3000 < int(refused.headers["Retry-After"]) <= 3600
    assert client.get("/api/v1/addresses/geocode", {"q": "Długa 1"}).status_code == 200


def test_other_endpoints_are_not_limited(client):
    for _ in range(40):
        assert client.get("/api/v1/levels").status_code == 200
