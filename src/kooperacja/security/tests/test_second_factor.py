"""Analysts and administrators confirm each login with a TOTP code before any other page."""

from __future__ import annotations

import re
import time
from base64 import b32decode
from urllib.parse import unquote

import pytest
from django.test import override_settings
from django_otp.oath import TOTP, totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from kooperacja.security.secondfactor import SECOND_FACTOR_ROLES, needs_second_factor
from kooperacja.security.tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
SETUP = "/konto/drugi-skladnik/konfiguracja/"
VERIFY = "/konto/drugi-skladnik/"
# A page the analyst may open once the second factor is confirmed (the map).
PAGE = "/"


@pytest.fixture(autouse=True)
def second_factor_on():
    with override_settings(KOOPERACJA_SECOND_FACTOR=True):
        yield


def code_for(device: TOTPDevice) -> str:
    """The code an authenticator app shows now."""
    return f"{totp(device.bin_key, t0=device.t0, step=device.step):06d}"


def sign_in(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def test_an_analyst_is_sent_to_set_up_an_authenticator_before_any_page(client, people):
    sign_in(client, people.ana)
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response.url.startswith(SETUP) and unquote(response.url).endswith(f"next={PAGE}")
    assert client.get("/").status_code == 302


def test_the_setup_page_draws_the_qr_code_itself_and_a_code_confirms_the_device(client, people):
    sign_in(client, people.ana)
    page = client.get(SETUP, {"next": PAGE}).content.decode()
    assert re.search(r'<img class="qr" src="data:image/svg\+xml', page)
    device = TOTPDevice.objects.get(user=people.ana)
    assert not device.confirmed
    secret = re.search(r"<code>([A-Z2-7]+)</code>", page).group(1)
    assert b32decode(secret) == device.bin_key

    response = client.post(SETUP, {"code": code_for(device), "next": PAGE})
    assert response.status_code == 302 and response.url == PAGE
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(PAGE).status_code == 200


def test_a_wrong_code_is_refused_and_the_pages_stay_closed(client, people):
    sign_in(client, people.ana)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=people.ana)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    response = client.post(SETUP, {"code": wrong})
    assert response.status_code == 200
    assert "Kod się nie zgadza" in response.content.decode()
    assert client.get(PAGE).status_code == 302


def test_a_later_login_asks_for_a_code_from_the_confirmed_device(client, people):
    device = TOTPDevice.objects.create(user=people.root, name="phone", confirmed=True)
    sign_in(client, people.root)
    response = client.get("/admin/")
    assert response.status_code == 302 and response.url.startswith(VERIFY)
    assert client.get(SETUP).url.startswith(VERIFY)  # no second device behind the first one's back
    response = client.post(VERIFY, {"code": code_for(device), "next": "/admin/"})
    assert response.status_code == 302 and response.url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_code_is_accepted_once_only(client, people):
    device = TOTPDevice.objects.create(user=people.root, name="phone", confirmed=True)
    code = code_for(device)
    sign_in(client, people.root)
    assert client.post(VERIFY, {"code": code}).status_code == 302
    client.logout()
    sign_in(client, people.root)
    assert client.post(VERIFY, {"code": code}).status_code == 200


def test_it_does_not_redirect_outside_the_site_after_the_code(client, people):
    device = TOTPDevice.objects.create(user=people.root, name="phone", confirmed=True)
    sign_in(client, people.root)
    response = client.post(VERIFY, {"code": code_for(device), "next": "https://evil.example/"})
    assert response.url == "/"


def test_a_partner_needs_no_second_factor(client, people):
    sign_in(client, people.pat)
    assert client.get(PAGE).status_code == 200


def test_account_pages_static_files_and_the_api_answer_without_the_code(client, people):
    sign_in(client, people.ana)
    assert client.get(SETUP).status_code == 200
    assert client.get("/static/web/site.css").status_code == 200
    response = client.get("/api/v1/levels")
    assert response.status_code == 403 and "detail" in response.json()


def test_the_rule_covers_analysts_administrators_and_staff_only(people):
    assert needs_second_factor(people.ana) and needs_second_factor(people.root)
    assert not needs_second_factor(people.pat)
    assert {"analyst", "administrator"} <= SECOND_FACTOR_ROLES


def test_the_data_protection_officer_confirms_a_code_before_the_audit_log(client, people):
    from django.contrib.auth import get_user_model

    from kooperacja.records.models import Membership

    dpo = get_user_model().objects.create_user("iod@example.org", password=PASSWORD)
    Membership.objects.create(user=dpo, institution=people.mops, role="dpo")
    assert needs_second_factor(dpo) and "dpo" in SECOND_FACTOR_ROLES
    sign_in(client, dpo)
    response = client.get("/dane/audyt/")
    assert response.status_code == 302 and response.url.startswith(SETUP)


def test_the_codes_time_window_tolerates_a_phone_clock_a_step_behind(client, people):
    device = TOTPDevice.objects.create(user=people.root, name="phone", confirmed=True)
    sign_in(client, people.root)
    clock = TOTP(device.bin_key, device.step, device.t0, device.digits)
    clock.time = time.time() - device.step
    late = f"{clock.token():06d}"
    assert client.post(VERIFY, {"code": late}).status_code == 302
