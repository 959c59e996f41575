"""/api/v1/programmes: the programmes one may see, and each target's values and lights per
period as /programy/ shows them."""

from __future__ import annotations

from django.test import Client

from kooperacja.programmes.tests.world import programme_world


def test_the_api_gives_each_targets_values_and_lights(plan):
    listing = Client().get("/api/v1/programmes").json()
    assert [p["id"] for p in listing] == [plan.programme.pk] and listing[0]["public"]
    found = Client().get(f"/api/v1/programmes/{plan.programme.pk}").json()
    assert found["periods"] == ["2023", "2024", "2025"]
    targets = {t["name"]: t for o in found["objectives"] for t in o["targets"]}
    poverty = targets["Odsetek rodzin w ubóstwie"]
    assert [(r["value"], r["light"]) for r in poverty["readings"]] == [
        (8.5, "green"), (8.5, "amber"), (10.5, "red")]
    assert poverty["indicator"] is None and poverty["direction"] == "down"
    assert [r["light"] for r in targets["Rodziny objęte asystą"]["readings"]] == [
        "red", "green", "grey"]


def test_a_programme_of_another_territory_is_not_found(personas):
    hidden = programme_world(personas.x, public=False).programme
    assert Client().get(f"/api/v1/programmes/{hidden.pk}").status_code == 404
    assert Client().get("/api/v1/programmes").json() == []
    analyst = Client()
    analyst.force_login(personas.analyst_x)
    assert analyst.get(f"/api/v1/programmes/{hidden.pk}").status_code == 200
