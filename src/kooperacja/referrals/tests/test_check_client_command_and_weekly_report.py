"""`kooperacja check-client` writes one CSV row per input line, in order, without a PESEL;
`kooperacja report-checks` counts the checks per person and answer and e-mails each
institution's administrators."""

from __future__ import annotations

import csv
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from kooperacja.records.tests.world import pesel
from kooperacja.referrals.tests.world import BAD

pytestmark = pytest.mark.django_db


def _run(*args: str, **options: object) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_it_writes_a_row_per_line_in_order_without_a_pesel(town, tmp_path):
    file = tmp_path / "pesels.txt"
    lines = [pesel(6), "", BAD, f" {pesel(1)} ", pesel(5), pesel(7)]
    file.write_text("\ufeff" + "\r\n".join(lines) + "\r\n", encoding="utf-8")
    out, err = _run("check_client", institution="a", instrument_type="training",
                    since="2023-06-01", pesel_file=str(file))
    assert out.splitlines() == [
        "line,answer,institutions,periods",
        "1,yes,b,2025",
        "2,invalid,,",  # an empty line is a line too
        "3,invalid,,",
        "4,yes,b;b,2025;2024",
        "5,no,,",  # trained by the asking institution only
        "6,yes,b,2023",
    ]
    assert "6" in err and not any(pesel(n) in out + err for n in range(1, 9))
    target = tmp_path / "answers.csv"
    _run("check_client", institution="a", instrument_type="training", since="2023-06-01",
         pesel_file=str(file), out=str(target))
    with target.open(encoding="utf-8") as f:
        assert [r["answer"] for r in csv.DictReader(f)] == ["yes", "invalid", "invalid", "yes",
                                                          "no", "yes"]


def test_its_help_says_what_the_answers_are():
    from kooperacja.referrals.management.commands.check_client import Command

    text = str(Command.help)
    assert "line,answer,institutions,periods" in text and "invalid" in text


def test_the_weekly_report_counts_checks_per_person_and_answer(town, tmp_path):
    town.admin_a.email = "szefowa@mops.example"
    town.admin_a.save()
    client = Client()
    client.force_login(town.partner_a)
    for number in (pesel(4), pesel(5), BAD):
        client.post("/sprawdz/", {"institution": town.a.pk, "pesel": number,
                                  "instrument_type": "training", "basis": "consent",
                                  "since": "2025-01-01"})
    file = tmp_path / "pesels.txt"
    file.write_text(f"{pesel(5)}\n{pesel(2)}\n", encoding="utf-8")
    _run("check_client", institution="b", instrument_type="training", since="2025-01-01",
         pesel_file=str(file))
    out, _err = _run("report_checks", "--days", "7")
    assert "partner_a@example.org" in out and not mail.outbox
    _run("report_checks", "--send")
    assert [m.to for m in mail.outbox] == [["szefowa@mops.example"]]  # b has no administrator
    body = mail.outbox[0].body
    row = next(line for line in body.splitlines() if line.startswith("partner_a@"))
    assert row.split()[1:] == ["3", "1", "1", "1", "0"]  # checked, yes, no, invalid, refused
    assert not any(pesel(n) in body for n in range(1, 9)) and BAD not in body
