"""`kooperacja demo --territories 2`: a second gmina beside the city, both below one powiat
whose labour office serves both; each gmina's analyst sees their own."""

from __future__ import annotations

import json
import re

import pytest
from django.core.management import call_command

from kooperacja.demo.management.commands import demo as demo_command
from kooperacja.records.models import Institution, UnitCount
from kooperacja.territory.models import Unit

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_it_builds_two_gminas_in_a_powiat_whose_labour_office_serves_both(
        tmp_path, client, capsys, monkeypatch):
    monkeypatch.setattr(demo_command, "run_site", lambda *args, **kwargs: None)
    # The diagnosis report is the city's, as in a demo of one (tests/test_demo.py).
    monkeypatch.setattr(demo_command, "publish_report", lambda *args, **kwargs: None)
    call_command("demo", "--territories", "2", "--port", "0", "--dir", str(tmp_path / "files"))
    out = capsys.readouterr().out
    region = json.loads((tmp_path / "files" / "region" / "region.json").read_text("utf-8"))
    current = Unit.objects.current()
    powiat = current.get(level__code="powiat")
    gminas = {u.code: u for u in current.filter(level__code="city")}
    assert (powiat.code, powiat.teryt) == ("2499", "2499")
    assert set(gminas) == {"2499011", "2499021"}
    assert all(g.parent == powiat and g.teryt == g.code for g in gminas.values())
    assert gminas["2499021"].name == "Młotów"
    # Estates of both, with codes of their own, each below a district of its gmina.
    estates = current.filter(level__code="estate").select_related("parent__parent")
    assert {e.parent.parent.code for e in estates} == set(gminas)
    assert estates.filter(code__startswith="M").count() == estates.count() // 2

    # The powiat's labour office: one extract, its people counted in the gmina they live in.
    pup = Institution.objects.get(code="PUP")
    assert pup.territory == powiat
    counted = {c.unit.code: c.persons for c in UnitCount.objects.active("2025", pup).filter(
        level__code="city", code_list__isnull=True).select_related("unit")}
    assert counted == {g["teryt_gmina"]: g["pup"]["rows"] for g in region["gminas"]}
    assert {i.code: i.territory.code for i in Institution.objects.filter(kind="mops")} == {
        "MOPS": "2499011", "MOPS2": "2499021"}

    # Both analysts are printed; each signs in and sees the analysts' view of their gmina.
    listed = re.findall(r"^ +(\S+@\S+) ", out, flags=re.MULTILINE)
    assert "analityk@zespol.example" in listed and "analityk@zespol2.example" in listed
    assert "Młotów 2499021" in out
    password = re.findall(r"(?<![\w-])[\w-]{16}(?![\w-])",
                          next(line for line in out.splitlines()
                               if "/konto/logowanie/" in line).split("logowanie/")[1])[0]
    for email, own, other in (("analityk@zespol.example", "2499011", "2499021"),
                              ("analityk@zespol2.example", "2499021", "2499011")):
        assert client.post("/konto/logowanie/", {"username": email, "password": password}) \
            .status_code == 302
        values = client.get("/api/v1/indicators/poverty/values", {
            "level": "city", "period": "2025", "audience": "analyst"}).json()["values"]
        assert [v["unit_code"] for v in values] == [own], email
        assert client.get(f"/obszar/city/{own}/?view=analyst").status_code == 200
        assert client.get(f"/obszar/city/{other}/?view=analyst").status_code == 403
        client.logout()
