"""/programy/: public programmes for everyone, others for their territory's team; lights
in words and symbols; the panel audited, and a programme archived instead of deleted."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from kooperacja.programmes.models import Programme
from kooperacja.programmes.tests.world import programme_world
from kooperacja.records.models import AuditEvent


def test_a_public_programme_shows_its_objectives_and_lights_in_words(plan):
    page = Client().get(reverse("programmes:programme", args=[plan.programme.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Mniej ubóstwa" in text and "Praca dla długotrwale bezrobotnych" in text
    assert "light-amber" in text and "▲" in text
    listing = Client().get(reverse("programmes:list")).content.decode()
    assert "Program wspierania rodziny" in listing


def test_a_private_programme_is_its_territorys(personas):
    hidden = programme_world(personas.x, public=False).programme
    url = reverse("programmes:programme", args=[hidden.pk])
    assert Client().get(url).status_code == 404
    for name, status in (("analyst_x", 200), ("coordinator", 200), ("analyst_y", 404),
                         ("partner_a", 404)):
        client = Client()
        client.force_login(getattr(personas, name))
        assert client.get(url).status_code == status, name


def test_the_panel_audits_and_archives(personas, plan):
    client = Client()
    client.force_login(personas.coordinator)
    change = reverse("admin:programmes_programme_change", args=[plan.programme.pk])
    assert client.get(change).status_code == 200
    delete = reverse("admin:programmes_programme_delete", args=[plan.programme.pk])
    client.post(delete, {"post": "yes"})
    plan.programme.refresh_from_db()
    assert plan.programme.archived and Programme.objects.filter(pk=plan.programme.pk).exists()
    assert AuditEvent.objects.filter(action="archive").exists()
    other = Client()
    other.force_login(personas.analyst_x)
    assert other.get(change).status_code in (302, 403, 404)


def test_the_panel_shows_a_coordinator_its_territorys_programmes_only(personas, plan):
    other = programme_world(personas.y).programme
    client = Client()
    client.force_login(personas.coordinator)
    listing = client.get(reverse("admin:programmes_programme_changelist")).content.decode()
    mine = reverse("admin:programmes_programme_change", args=[plan.programme.pk])
    assert mine in listing
    assert reverse("admin:programmes_programme_change", args=[other.pk]) not in listing
    assert client.get(reverse("admin:programmes_programme_change", args=[other.pk])
                      ).status_code in (302, 404)
    add = client.get(reverse("admin:programmes_objective_add")).content.decode()
    assert f'value="{plan.programme.pk}"' in add and f'value="{other.pk}"' not in add


def test_a_saved_objective_and_its_inline_target_are_audited(personas, plan):
    client = Client()
    client.force_login(personas.coordinator)
    url = reverse("admin:programmes_objective_add")
    prefix = {"actions": "actions", "targets": "targets"}
    data = {"programme": plan.programme.pk, "title": "Nowy cel", "order": 3}
    for name in prefix.values():
        data |= {f"{name}-TOTAL_FORMS": 0, f"{name}-INITIAL_FORMS": 0,
                 f"{name}-MIN_NUM_FORMS": 0, f"{name}-MAX_NUM_FORMS": 1000}
    data |= {"targets-TOTAL_FORMS": 1, "targets-0-measure": "Miernik",
             "targets-0-baseline_period": "2024", "targets-0-baseline": 1,
             "targets-0-target": 2, "targets-0-target_year": 2026, "targets-0-direction": "up"}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert AuditEvent.objects.filter(action="create", object_type__icontains="objective").exists()
    from kooperacja.programmes.models import Target
    assert Target.objects.filter(measure="Miernik").exists()
    assert AuditEvent.objects.filter(action="create", object_type__icontains="target").exists()


def test_an_objective_aimed_at_areas_shows_them_on_a_map(db):
    from kooperacja.indicators.tests.world import build_city

    programme = programme_world(build_city()["C"]).programme  # a city with estates E1-E4
    text = Client().get(reverse("programmes:programme", args=[programme.pk])).content.decode()
    assert text.count('<img src="data:image/png;base64,') == 1  # the objective with areas
    assert "Obszary, na które ukierunkowany jest cel: E1, E2" in text
