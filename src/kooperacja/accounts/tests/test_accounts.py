"""Signing in on the site's login page, setting a password from a one-time link,
invitations and the data steward's mark, with the shared personas."""

from __future__ import annotations

import io
import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command
from django.test import Client

from kooperacja.records.models import Membership, Submission
from kooperacja.testing import PASSWORD

pytestmark = pytest.mark.django_db


def test_a_partner_signs_in_with_the_e_mail_and_goes_back_where_it_was(client, personas):
    page = client.get("/zasoby/").content.decode()
    assert 'href="/konto/logowanie/?next=/zasoby/"' in page
    response = client.post("/konto/logowanie/", {
        "username": "partner_a@example.org", "password": PASSWORD, "next": "/dane/upload/"})
    assert response.status_code == 302 and response["Location"] == "/dane/upload/"
    assert client.get("/dane/upload/").status_code == 200


def test_the_sign_in_page_s_own_sign_in_link_keeps_where_the_person_was_going(client):
    page = client.get("/konto/logowanie/?next=/zasoby/").content.decode()
    links = re.findall(r'href="(/konto/logowanie/[^"]*)"', page)
    assert links and all(link == "/konto/logowanie/?next=/zasoby/" for link in links), links
    plain = client.get("/konto/logowanie/").content.decode()
    assert 'href="/konto/logowanie/"' in plain and "next=/konto/logowanie/" not in plain
    elsewhere = client.get("/zasoby/").content.decode()
    assert 'href="/konto/logowanie/?next=/zasoby/"' in elsewhere


def test_it_never_sends_a_signed_in_person_to_another_site(client, personas):
    response = client.post("/konto/logowanie/", {
        "username": "partner_a@example.org", "password": PASSWORD, "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/"


def test_it_refuses_a_wrong_password_with_a_message(client, personas):
    response = client.post("/konto/logowanie/", {"username": "partner_a@example.org",
                                                 "password": "wrong-password"})
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()


def test_add_user_prints_a_one_time_link_that_sets_the_password(client, personas):
    out = io.StringIO()
    call_command(
        "add_user", "Nowa@Example.org", "--institution", "a", "--role", "steward", stdout=out
    )
    link = re.search(r"http://127\.0\.0\.1:8000(/konto/haslo/ustaw/\S+)", out.getvalue()).group(1)
    user = User.objects.get(username="nowa@example.org")
    assert not user.has_usable_password() and not user.is_staff
    assert Membership.objects.get(user=user).role == "steward"
    form = client.get(link, follow=True)
    new = "a-long-new-passphrase-7"
    client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert client.login(username="nowa@example.org", password=new)
    assert client.get(link, follow=True).context["validlink"] is False  # spent


def test_add_user_takes_the_password_from_standard_input(personas, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("another-long-passphrase-8\n"))
    call_command("add_user", "it@example.org", "--role", "installation", "--password-stdin",
                 stdout=io.StringIO())
    user = User.objects.get(username="it@example.org")
    assert user.is_superuser and user.check_password("another-long-passphrase-8")


def test_an_institution_administrator_invites_to_its_own_institution_only(client, personas):
    client.force_login(personas.admin_a)
    page = client.get("/konto/osoby/").content.decode()
    assert "partner_a@example.org" in page and "partner_b@example.org" not in page
    assert "administrator instalacji" not in page
    # The installation's administrator who also administers the institution (as in the demo)
    # is shown as both.
    from kooperacja.accounts.services import add_member

    add_member("it@example.org", "installation", personas.a)
    page = client.get("/konto/osoby/").content.decode()
    assert "administrator instytucji; również administrator instalacji" in page
    client.post("/konto/osoby/", {"email": "x@example.org", "institution": personas.b.pk,
                                  "role": "partner"})
    assert not User.objects.filter(username="x@example.org").exists()
    client.post("/konto/osoby/", {"email": "x@example.org", "institution": personas.a.pk,
                                  "role": "partner"})
    assert Membership.objects.get(user__username="x@example.org").institution == personas.a
    [message] = mail.outbox
    assert message.to == ["x@example.org"] and "/konto/haslo/ustaw/" in message.body
    client.force_login(personas.partner_a)
    assert client.get("/konto/osoby/").status_code == 403


def test_the_steward_of_a_approves_its_submissions_and_no_one_else_can(client, personas):
    found = Submission.objects.create(institution=personas.a, period="2025", layout="mops",
                                      period_start="2025-01-01", period_end="2025-12-31",
                                      status=Submission.Status.ACTIVE)
    for someone in (personas.partner_a, personas.admin_a, personas.analyst_x):
        client.force_login(someone)
        client.post(f"/dane/submissions/{found.pk}/review/", {"review": "approved"})
    assert Submission.objects.get(pk=found.pk).review == Submission.Review.PENDING
    client.force_login(personas.steward_a)
    assert "Zatwierdź" in client.get(f"/dane/submissions/{found.pk}/").content.decode()
    page = client.post(f"/dane/submissions/{found.pk}/review/", {"review": "withdrawn"},
                       follow=True).content.decode()
    found.refresh_from_db()
    assert (found.review, found.reviewed_by) == (Submission.Review.WITHDRAWN, personas.steward_a)
    assert "Przekazanie danych wycofano: publiczna mapa, API i raporty już go nie pokazują" in page


def test_the_report_of_an_import_leads_to_its_unmatched_addresses(client, personas):
    found = Submission.objects.create(institution=personas.a, period="2025", layout="mops",
                                      period_start="2025-01-01", period_end="2025-12-31",
                                      status=Submission.Status.ACTIVE, addresses_unmatched=3)
    queue = "/admin/addresses/reviewitem/?resolved_at__isnull=True"
    client.force_login(personas.installation)
    assert queue in client.get(f"/dane/submissions/{found.pk}/").content.decode()
    client.force_login(personas.steward_a)  # the queue holds clients' addresses: not theirs
    page = client.get(f"/dane/submissions/{found.pk}/").content.decode()
    assert queue not in page and "kolejce adresów do przejrzenia" in page


def test_the_steward_is_offered_only_the_marks_that_change_the_review(client, personas):
    found = Submission.objects.create(institution=personas.a, period="2025", layout="mops",
                                      period_start="2025-01-01", period_end="2025-12-31",
                                      status=Submission.Status.ACTIVE)
    client.force_login(personas.steward_a)
    url = f"/dane/submissions/{found.pk}/"

    def buttons() -> list[str]:
        form = client.get(url).content.decode().split('class="review"')[1].split("</form>")[0]
        return re.findall(r'<button[^>]*value="(\w+)">([^<]+)</button>', form)

    assert buttons() == [("approved", "Zatwierdź"), ("withdrawn", "Wycofaj")]
    client.post(url + "review/", {"review": "approved"})
    assert buttons() == [("withdrawn", "Wycofaj")]
    approved_at = Submission.objects.get(pk=found.pk).reviewed_at
    client.post(url + "review/", {"review": "approved"})  # a stale page's second approval
    assert Submission.objects.get(pk=found.pk).reviewed_at == approved_at
    client.post(url + "review/", {"review": "withdrawn"})
    assert buttons() == [("approved", "Zatwierdź ponownie")]


def test_an_administrator_changes_a_member_s_role_after_confirming(client, personas):
    from kooperacja.records.models import AuditEvent

    client.force_login(personas.admin_a)
    member = Membership.objects.get(user=personas.partner_a)
    asked = client.post("/konto/osoby/", {"membership": member.pk, "op": "role",
                                          "role": "steward"})
    assert "Potwierdź zmianę" in asked.content.decode()
    assert Membership.objects.get(pk=member.pk).role == "partner"  # not before confirming
    done = client.post("/konto/osoby/", {"membership": member.pk, "op": "role",
                                         "role": "steward", "confirmed": "on"}, follow=True)
    assert Membership.objects.get(pk=member.pk).role == "steward"
    assert "ma teraz rolę" in done.content.decode()
    event = AuditEvent.objects.get(action="admin_change", object_type="membership")
    assert (event.actor, event.object_id) == ("admin_a@example.org", str(member.pk))
    assert event.detail["to"] == "steward" and "partner_a" not in str(event.detail)


def test_an_administrator_removes_a_member_who_then_cannot_sign_in(client, personas):
    from kooperacja.records.models import AuditEvent

    client.force_login(personas.admin_a)
    member = Membership.objects.get(user=personas.partner_a)
    page = client.get("/konto/osoby/").content.decode()
    assert 'value="remove"' in page and "Zmień rolę" in page
    client.post("/konto/osoby/", {"membership": member.pk, "op": "remove"})
    assert Membership.objects.filter(pk=member.pk).exists()
    client.post("/konto/osoby/", {"membership": member.pk, "op": "remove", "confirmed": "on"})
    assert not Membership.objects.filter(pk=member.pk).exists()
    assert AuditEvent.objects.filter(action="admin_delete", object_type="membership").exists()
    assert not Client().login(username="partner_a@example.org", password=PASSWORD)


def test_an_administrator_cannot_touch_another_institution_s_members(client, personas):
    client.force_login(personas.admin_a)
    other = Membership.objects.get(user=personas.partner_b)
    for op in ({"op": "remove"}, {"op": "role", "role": "administrator"}):
        response = client.post("/konto/osoby/", {"membership": other.pk, "confirmed": "on", **op})
        assert response.status_code == 404
    assert Membership.objects.get(pk=other.pk).role == "partner"
    client.force_login(personas.partner_a)
    response = client.post("/konto/osoby/", {"membership": other.pk, "op": "remove",
                                             "confirmed": "on"})
    assert response.status_code == 403 and Membership.objects.filter(pk=other.pk).exists()


def test_the_last_administrator_cannot_remove_or_demote_itself(client, personas):
    client.force_login(personas.admin_a)
    own = Membership.objects.get(user=personas.admin_a)
    for op in ({"op": "remove"}, {"op": "role", "role": "partner"}):
        page = client.post("/konto/osoby/", {"membership": own.pk, "confirmed": "on", **op},
                           follow=True).content.decode()
        assert "zostałaby bez administratora" in page
    assert Membership.objects.get(pk=own.pk).role == "administrator"
    # With a second administrator it may step down, and then no longer manages people.
    second = Membership.objects.get(user=personas.steward_a)
    client.post("/konto/osoby/", {"membership": second.pk, "op": "role",
                                  "role": "administrator", "confirmed": "on"})
    response = client.post("/konto/osoby/", {"membership": own.pk, "op": "role",
                                             "role": "partner", "confirmed": "on"})
    assert Membership.objects.get(pk=own.pk).role == "partner"
    assert response.status_code == 302 and client.get("/konto/osoby/").status_code == 403
