"""Entries not verified for a configurable number of months, and reminders to their owners."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from kooperacja.resources.models import Resource, months_before
from kooperacja.resources.tests.conftest import make_resource

pytestmark = pytest.mark.django_db


def test_it_counts_months_back_to_the_shorter_months_last_day():
    assert months_before(datetime.date(2025, 3, 31), 1) == datetime.date(2025, 2, 28)
    assert months_before(datetime.date(2025, 1, 15), 12) == datetime.date(2024, 1, 15)


def test_it_marks_an_entry_stale_after_the_configured_months(cast, settings):
    today = timezone.localdate()
    fresh = make_resource("Świeży", owner=cast.a, last_verified=today)
    old = make_resource("Stary", owner=cast.a, last_verified=months_before(today, 7))
    never = make_resource("Nigdy", owner=cast.b)
    assert not fresh.is_stale and not old.is_stale and never.is_stale
    settings.KOOPERACJA_RESOURCE_STALE_MONTHS = 6
    assert old.is_stale
    assert set(Resource.objects.stale()) == {old, never}


def test_remind_stale_lists_the_owners_and_mails_their_partners(cast, capsys):
    make_resource("Nigdy", owner=cast.b)
    make_resource("Aktualny", owner=cast.a, last_verified=timezone.localdate())
    summary = call_command("remind_stale")
    assert "1 institution with" in summary and "Institution B: 1" in capsys.readouterr().out
    assert mail.outbox == []
    call_command("remind_stale", send=True)
    [message] = mail.outbox
    assert message.to == ["partner_b@example.org"] and "Nigdy" in message.body
