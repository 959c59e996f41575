"""An institution's program sends extracts with an API token: scoped, hashed, revocable."""

from __future__ import annotations

import hashlib
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from kooperacja.records.models import Institution, Submission
from kooperacja.records.tests.world import MOPS_HEADER, build_town, mops_row, write_csv
from kooperacja.security.models import ApiToken
from kooperacja.security.tokens import issue_token
from kooperacja.territory.models import Unit

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
SUBMISSIONS = "/api/v1/submissions"


@pytest.fixture(autouse=True)
def imports_at_once():
    """Each sent file is imported (and deleted) before the request returns."""
    with override_settings(TASKS=IMMEDIATE):
        yield


@pytest.fixture
def town(db):
    build_town()
    city = Unit.objects.get(code="C1")
    return (Institution.objects.create(code="mops", name="MOPS", kind="mops", territory=city),
            Institution.objects.create(code="pup", name="PUP", kind="pup", territory=city))


@pytest.fixture
def extract(tmp_path) -> bytes:
    return write_csv(
        tmp_path / "Kowalski.csv", MOPS_HEADER, [mops_row(1), mops_row(2, reasons="??")]
    ).read_bytes()


def send(client, secret, content, **fields):
    data = {
        "period": "2025",
        "layout": "mops",
        "file": SimpleUploadedFile("Kowalski.csv", content),
        **fields,
    }
    return client.post(SUBMISSIONS, data, HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_a_token_sends_an_extract_that_is_imported_like_an_upload(client, town, extract):
    mops, _ = town
    _token, secret = issue_token(mops, "nightly export")
    response = send(client, secret, extract)
    assert response.status_code == 202, response.content
    submission = Submission.objects.get()
    assert submission.institution == mops and submission.status == "active"
    report = client.get(
        f"{SUBMISSIONS}/{submission.pk}", HTTP_AUTHORIZATION=f"Bearer {secret}"
    ).json()
    assert report["status"] == "active" and report["rows_imported"] == 1
    assert report["rows_rejected"] == 1 and report["rejections"][0]["row"] == 3


def test_only_a_digest_of_the_token_is_stored(town):
    token, secret = issue_token(town[0], "nightly export")
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert secret not in str(stored)
    assert stored["digest"] == hashlib.sha256(secret.encode()).hexdigest()


def test_a_token_reads_only_its_own_institutions_reports(client, town, extract):
    mops, pup = town
    _, mops_secret = issue_token(mops, "export")
    _, pup_secret = issue_token(pup, "export")
    created = send(client, mops_secret, extract).json()
    assert client.get(f"{SUBMISSIONS}/{created['id']}",
                      HTTP_AUTHORIZATION=f"Bearer {pup_secret}").status_code == 404


def test_no_token_or_a_wrong_one_is_refused(client, town, extract):
    assert client.post(SUBMISSIONS, {"period": "2025", "layout": "mops"}).status_code == 401
    assert send(client, "koop_not-a-real-token", extract).status_code == 401
    assert Submission.objects.count() == 0


def test_a_revoked_token_is_refused_at_once(client, town, extract):
    token, secret = issue_token(town[0], "export")
    call_command("api_token", "revoke", token.prefix)
    assert send(client, secret, extract).status_code == 401
    assert Submission.objects.count() == 0


def test_a_bad_request_says_which_field_is_wrong(client, town, extract):
    _, secret = issue_token(town[0], "export")
    response = send(client, secret, extract, layout="nope")
    assert response.status_code == 400 and set(response.json()["detail"]) == {"layout"}
    response = send(client, secret, extract, period="2025-13")
    assert response.status_code == 400 and "2025-13" in str(response.json()["detail"])
    assert Submission.objects.count() == 0


def test_the_command_prints_a_new_token_once_and_lists_none(capsys, town):
    call_command("api_token", "issue", "--institution", "mops", "--name", "export")
    secret = capsys.readouterr().out.strip()
    assert re.fullmatch(r"koop_[\w-]{40,}", secret)
    call_command("api_token", "list")
    listing = capsys.readouterr().out
    assert secret[:12] in listing and secret not in listing


def test_the_command_names_an_unknown_institution(town):
    with pytest.raises(CommandError, match="xyz"):
        call_command("api_token", "issue", "--institution", "xyz", "--name", "export")


def test_the_admin_shows_the_token_once_and_revokes_it(admin_client, town, extract, client):
    response = admin_client.post("/admin/security/apitoken/add/",
                                 {"institution": town[0].pk, "name": "export"})
    assert response.status_code == 200
    secret = re.search(r'<code id="api-token">([^<]+)</code>', response.content.decode()).group(1)
    token = ApiToken.objects.get()
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert (
        secret
        not in admin_client.get(f"/admin/security/apitoken/{token.pk}/change/").content.decode()
    )
    admin_client.post(
        "/admin/security/apitoken/", {"action": "revoke", "_selected_action": [token.pk]}
    )
    assert send(client, secret, extract).status_code == 401
