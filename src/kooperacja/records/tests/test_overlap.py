"""Client overlap between MOPS and PUP equals what is counted by hand."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from kooperacja.records.models import AuditEvent
from kooperacja.records.services.importing import import_submission
from kooperacja.records.services.overlap import overlap_table
from kooperacja.records.tests.world import MOPS_HEADER, PUP_HEADER, mops_row, pesel, write_csv

pytestmark = pytest.mark.django_db


def _pup_row(n: int, address: str, instruments: str) -> list[str]:
    return [pesel(n), f"Nazwisko{n}", f"Imię{n}", address, "Testowo", "do 30 roku życia",
            instruments, "2025-03-01"]


@pytest.fixture
def both(tmp_path, cast):
    mops = write_csv(tmp_path / "mops.csv", MOPS_HEADER, [
        mops_row(1, "Długa", 1, supports="szkolenia i kursy w projektach"),
        mops_row(2, "Długa", 2, supports="zasiłek okresowy"),
        mops_row(3, "Krótka", 1, supports="posiłek"),
        mops_row(4, "Krótka", 2, supports="szkolenie"),
    ])
    pup = write_csv(tmp_path / "pup.csv", PUP_HEADER, [
        _pup_row(1, "ul. Długa 1", "szkolenie"),
        _pup_row(2, "Krótka 3", "staż"),  # PUP holds another address for person 2
        _pup_row(4, "Krótka 2", "staż"),
        _pup_row(9, "Długa 3", "szkolenie"),
    ])
    import_submission(mops, cast.a, "2025", "mops")
    import_submission(pup, cast.b, "2025", "pup")
    return cast


def test_it_counts_shared_clients_per_unit_as_by_hand(both):
    table = overlap_table("2025", both.a, both.b, "estate").set_index("unit_code")
    # E1: persons 1 and 2 (MOPS places 2 here); E2: 2 (PUP places them here) and 4.
    assert table.loc["E1", "persons_both"] == 2 and table.loc["E1", "same_training"] == 1
    assert table.loc["E2", "persons_both"] == 2 and table.loc["E2", "same_training"] == 0
    assert table.loc["*", "persons_both"] == 3 and table.loc["*", "same_training"] == 1
    assert table.loc["*", "same_traineeship"] == 0
    assert table.loc["*", "same_financial_support"] == 0
    assert list(table.index) == ["E1", "E2", "*"]


def test_it_exports_overlap_and_counts_and_audits_both(both, tmp_path):
    out = tmp_path / "overlap.csv"
    call_command("overlap", period="2025", institutions="b,a", out=str(out))
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("unit_code,persons_both,same_training")
    assert lines[-1].startswith("*,3,1")
    counts = tmp_path / "counts.csv"
    call_command("counts", period="2025", institution="a", level="estate", out=str(counts))
    text = counts.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "unit_code,code_list,code,persons,families"
    assert "E1,*,*,2,2" in text
    assert list(AuditEvent.objects.filter(action="export").values_list("object_type", flat=True)) \
        == ["counts", "overlap"]
