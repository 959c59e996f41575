"""After checks on the page, through the API and at the command line, no PESEL is left in
the database or the logs, no checked person's pseudonym in the audit log, and every check
is in the audit log with who, the basis and the answers' count (issue 19, "Done when")."""

from __future__ import annotations

import io
import json
import logging

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client

from kooperacja.core.submissions.pseudonym import persons_from_pesel
from kooperacja.operations.services.keys import pseudonym_key
from kooperacja.records.models import AuditEvent, Record
from kooperacja.records.tests.world import pesel
from kooperacja.referrals.tests.world import ALL_PESELS, BAD

pytestmark = pytest.mark.django_db


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _everything_stored() -> dict[str, str]:
    """Every row of every table, as text, by model."""
    return {model._meta.label: json.dumps(list(model._default_manager.values_list()),
                                          default=str, ensure_ascii=False)
            for model in apps.get_models()}


def test_no_pesel_is_left_anywhere_and_every_check_is_audited(town, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    partner = _signed_in(town.partner_a)
    page = partner.post("/sprawdz/", {"institution": town.a.pk, "pesel": pesel(4),
                                      "instrument_type": "training", "basis": "consent",
                                      "since": "2025-01-01"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "tak (2025, b)" in text and pesel(4) not in text
    api = _signed_in(town.steward_a).post(
        "/api/v1/checks", {"instrument_type": "training", "basis": "agreement",
                           "pesels": ALL_PESELS, "since": "2025-01-01"},
        content_type="application/json")
    assert api.status_code == 200
    assert [a["answer"] for a in api.json()["answers"]] == [
        "yes", "no", "no", "yes", "no", "yes", "no", "no", "invalid"]
    file = tmp_path / "pesels.txt"
    file.write_text("\n".join(ALL_PESELS) + "\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    call_command("check_client", institution="b", instrument_type="training",
                 since="2025-01-01", pesel_file=str(file), stdout=out, stderr=err)

    outputs = [text, api.content.decode(), out.getvalue(), err.getvalue(), caplog.text]
    stored = _everything_stored()
    for number in ALL_PESELS:
        assert not any(number in o for o in outputs), number
        assert [m for m, rows in stored.items() if number in rows] == [], number
    # The pseudonyms are the records' (made at import) and nowhere else: not in the audit.
    pseudonyms = persons_from_pesel(pseudonym_key(), [pesel(n) for n in range(1, 9)])
    assert Record.objects.filter(person__in=pseudonyms).exists()
    for pseudonym in pseudonyms:
        assert [m for m, rows in stored.items()
                if pseudonym in rows and m != "records.Record"] == [], pseudonym
        assert pseudonym not in caplog.text

    checks = list(AuditEvent.objects.filter(object_type="client_check").order_by("id"))
    assert [(e.actor, e.action, e.object_id) for e in checks] == [
        ("partner_a@example.org", "record_read", "a"),
        ("steward_a@example.org", "record_read", "a"),
        (checks[2].actor, "record_read", "b"),
    ]
    assert checks[2].actor.startswith("cli")
    assert [{k: e.detail[k] for k in ("basis", "channel", "checked", "yes", "no", "invalid")}
            for e in checks] == [
        {"basis": "consent", "channel": "web", "checked": 1, "yes": 1, "no": 0, "invalid": 0},
        {"basis": "agreement", "channel": "api", "checked": 9, "yes": 3, "no": 5, "invalid": 1},
        {"basis": "agreement", "channel": "cli", "checked": 9, "yes": 2, "no": 6, "invalid": 1},
    ]
    assert all(e.detail["instrument_type"] == "training" and e.detail["since"] == "2025-01-01"
               for e in checks)
    assert BAD not in json.dumps([e.detail for e in checks])
