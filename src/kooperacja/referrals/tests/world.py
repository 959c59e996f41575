"""MOPS (institution ``a``) and PUP (``b``) extracts of the records' test town, imported
through the importer so that the pseudonyms are the real ones, and the truth by hand.

Persons (``kooperacja.records.tests.world.pesel(n)``):

====  =====================================  ======================================
n     MOPS ``a``                             PUP ``b``
====  =====================================  ======================================
1     2025: training (szkolenia i kursy)     2025: training (szkolenie); 2024: training
2     2025: periodic allowance               2025: traineeship (staż)
3     2025: meal                             –
4     –                                      2025: training (szkolenie)
5     2025: training (szkolenie)             –
6     –                                      2025: training (bon szkoleniowy)
7     –                                      2023: training (szkolenie)
8     –                                      –
====  =====================================  ======================================
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from kooperacja.records.services.importing import import_submission
from kooperacja.records.tests.world import MOPS_HEADER, PUP_HEADER, mops_row, pesel, write_csv

# A PESEL with a wrong check digit: person 8's with its last digit moved on by one.
BAD = pesel(8)[:10] + str((int(pesel(8)[10]) + 1) % 10)


def pup_row(n: int, instruments: str, registered: str = "2025-03-01") -> list[str]:
    return [pesel(n), f"Nazwisko{n}", f"Imię{n}", "Długa 1", "Testowo", "do 30 roku życia",
            instruments, registered]


def import_extracts(cast: SimpleNamespace, folder: Path) -> SimpleNamespace:
    """Import the table above for ``cast``'s institutions ``a`` (MOPS) and ``b`` (PUP)."""
    mops = write_csv(folder / "mops_2025.csv", MOPS_HEADER, [
        mops_row(1, supports="szkolenia i kursy w projektach"),
        mops_row(2, supports="zasiłek okresowy"),
        mops_row(3, supports="posiłek"),
        mops_row(5, supports="szkolenie"),
    ])
    assert import_submission(mops, cast.a, "2025", "mops").rows_imported == 4
    for period, rows in (
        ("2023", [pup_row(7, "szkolenie", "2023-03-01")]),
        ("2024", [pup_row(1, "szkolenie", "2024-03-01")]),
        ("2025", [pup_row(1, "szkolenie"), pup_row(2, "staż"), pup_row(4, "szkolenie"),
                  pup_row(6, "bon szkoleniowy")]),
    ):
        path = write_csv(folder / f"pup_{period}.csv", PUP_HEADER, rows)
        submission = import_submission(path, cast.b, period, "pup")
        assert submission.rows_imported == len(rows), submission.rejections
    return cast


# Every PESEL the tests type in: none may be left in the database, the logs or the audit.
ALL_PESELS = [pesel(n) for n in range(1, 9)] + [BAD]
