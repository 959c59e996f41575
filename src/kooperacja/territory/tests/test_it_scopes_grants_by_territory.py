"""A region in one installation: each gmina is a territory of its own, a powiat's or a
voivodeship's grant covers its gminas, and a gmina's analyst sees nothing of the other."""

from __future__ import annotations

import numpy as np
import pytest
from shapely.geometry import box

from kooperacja import policy
from kooperacja.core.boundaries import Boundaries
from kooperacja.records.models import Institution, Membership
from kooperacja.territory.models import Unit
from kooperacja.territory.services.boundaries import store_generation
from kooperacja.territory.services.scopes import assign_territories

pytestmark = pytest.mark.django_db

A, B = box(19.0, 50.0, 19.1, 50.1), box(19.1, 50.0, 19.2, 50.1)


def level(code: str, shapes: list, codes: list[str], parent: str | None, *, teryt: bool) -> None:
    geometries = np.array(shapes, dtype=object)
    boundaries = Boundaries(codes, [f"Unit {c}" for c in codes], [parent] * len(codes),
                            geometries, np.ones(len(codes)), "EPSG:4326")
    found = Unit.objects.current().filter(code=parent).first() if parent else None
    store_generation(code, boundaries, lambda: [found] * len(codes), f"{code}.geojson",
                     teryt_codes=teryt)


@pytest.fixture
def region(db):
    level("wojewodztwo", [A.union(B)], ["24"], None, teryt=True)
    level("powiat", [A.union(B)], ["2499"], "24", teryt=True)
    level("gmina", [A, B], ["2499011", "2499021"], "2499", teryt=True)
    level("district", [A], ["D1"], "2499011", teryt=False)


def territory(code: str) -> str:
    unit = Unit.objects.current().select_related("territory").get(code=code)
    return unit.territory.code


def test_each_gmina_powiat_and_voivodeship_is_its_own_territory_and_a_district_its_gminas(
        region):
    assert [territory(c) for c in ("24", "2499", "2499011", "2499021", "D1")] == \
        ["24", "2499", "2499011", "2499021", "2499011"]


def test_a_gminas_analyst_sees_its_gmina_a_powiats_sees_both(region, django_user_model):
    def analyst(name: str, code: str):
        unit = Unit.objects.current().get(code=code)
        institution = Institution.objects.create(code=name, name=name, kind="other",
                                                 territory=unit)
        user = django_user_model.objects.create_user(name, f"{name}@example.org", "x")
        Membership.objects.create(user=user, institution=institution, role="analyst")
        return user

    gmina, powiat = analyst("gmina", "2499011"), analyst("powiat", "2499")
    seen = policy.principal(gmina).territories(policy.Action.ANALYST_VIEW)
    assert seen == {"2499011"}
    assert policy.principal(powiat).territories(policy.Action.ANALYST_VIEW) == \
        {"2499", "2499011", "2499021"}
    units = policy.scoped(Unit.objects.current(), gmina, policy.Action.ANALYST_VIEW,
                          territory="territory__code")
    assert sorted(units.values_list("code", flat=True)) == ["2499011", "D1"]
    assert not policy.allows(gmina, policy.Action.ANALYST_VIEW, territory="2499021")


def test_territories_follow_a_teryt_code_given_later(region):
    Unit.objects.filter(code="D1").update(teryt="")
    Unit.objects.filter(code="2499021").update(teryt="")
    assert assign_territories() == 1
    assert territory("2499021") == "2499"


def member(users, name: str, role: str, code: str):
    unit = Unit.objects.current().get(code=code)
    institution, _ = Institution.objects.get_or_create(
        code=f"i-{code}", defaults={"name": f"Institution {code}", "kind": "mops",
                                    "territory": unit})
    user = users.objects.create_user(name, f"{name}@example.org", "x")
    Membership.objects.create(user=user, institution=institution, role=role)
    return user


def test_a_powiats_administrator_keeps_the_members_of_its_gminas_institutions_only(
        region, django_user_model, client):
    admin = member(django_user_model, "powiat-admin", "territory_admin", "2499")
    member(django_user_model, "worker-a", "partner", "2499021")
    outside = Unit.objects.current().get(code="24")
    Institution.objects.create(code="rops", name="ROPS", kind="other", territory=outside)
    client.force_login(admin)
    page = client.get("/konto/osoby/")
    assert page.status_code == 200
    assert "worker-a@example.org" in page.content.decode()
    offered = page.context["form"].fields["institution"].queryset
    assert [i.code for i in offered] == ["i-2499", "i-2499021"]
    assert "territory_admin" in policy.roles_given_by(admin)


def test_an_institutions_administrator_cannot_make_a_territorys(region, django_user_model,
                                                                 client):
    admin = member(django_user_model, "mops-admin", "administrator", "2499011")
    partner = member(django_user_model, "partner", "partner", "2499011")
    assert "territory_admin" not in policy.roles_given_by(admin)
    client.force_login(admin)
    membership = Membership.objects.get(user=partner)
    answer = client.post("/konto/osoby/", {"op": "role", "membership": membership.pk,
                                                 "role": "territory_admin", "confirmed": "1"})
    assert answer.status_code == 302
    membership.refresh_from_db()
    assert membership.role == "partner"
