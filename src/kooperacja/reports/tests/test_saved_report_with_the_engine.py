"""A saved report with the real engine: generated on the page from a city's data, its
narrative in the DOCX, the numbers of a regenerated report compared after new data."""

from __future__ import annotations

import io

import pytest
from django.test import Client, override_settings

from kooperacja.indicators.tests.world import build_city, counts
from kooperacja.reports import snapshot
from kooperacja.reports.models import SavedReport
from kooperacja.testing import build_personas

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@override_settings(TASKS=IMMEDIATE)
def test_a_report_generated_on_the_page_carries_its_narrative_and_its_changes():
    from docx import Document

    units = build_city()
    cast = build_personas(units["C"], None)
    counts(units, "2024", {"E1": 10, "E2": 12, "E3": 20, "E4": 2}, who=cast.a)
    counts(units, "2025", {"E1": 30, "E2": 14, "E3": 22, "E4": 3}, who=cast.a)
    analyst = Client()
    analyst.force_login(cast.analyst_x)
    analyst.post(
        "/raporty/",
        {
            "template": "diagnoza",
            "territory": "C",
            "period": "2025",
            "since": "2024",
            "audience": "public",
        },
    )
    report = SavedReport.objects.get()
    assert report.state == "done", report.error
    loaded = snapshot.load(report.content)
    assert snapshot.dump(loaded) == report.content
    assert report.fingerprint == loaded.fingerprint != ""
    key = loaded.chapters[1].key
    page = analyst.get(f"/raporty/{report.pk}/").content.decode()
    assert f'id="chapter-{key}"' in page and "data:image/png;base64," in page

    analyst.post(f"/raporty/{report.pk}/narracja/", {"chapter": key, "text": "Nasz opis."})
    docx = analyst.get(f"/raporty/{report.pk}/raport.docx")
    assert docx.status_code == 200
    assert "Nasz opis." in [p.text for p in Document(io.BytesIO(docx.content)).paragraphs]
    assert analyst.get(f"/raporty/{report.pk}/raport.pdf").content.startswith(b"%PDF")

    # New data for 2025 (another institution's): regenerating lists the changed chapters.
    counts(units, "2025", {"E1": 40, "E2": 14, "E3": 22, "E4": 3}, who=cast.b)
    assert 'id="stale"' in analyst.get(f"/raporty/{report.pk}/").content.decode()
    analyst.post(f"/raporty/{report.pk}/ponownie/")
    again = SavedReport.objects.latest("pk")
    assert again.state == "done" and again.narrative == {key: "Nasz opis."}
    found = snapshot.changes(report.content, again.content)
    assert not found.same_inputs and found.chapters
    assert any(cell.before != cell.after for c in found.chapters for cell in c.cells)
    assert 'id="changes"' in analyst.get(f"/raporty/{again.pk}/").content.decode()
