"""End to end through the `kooperacja` command in a data directory of its own (as
records/tests/test_isolation.py does for imports): after MOPS and PUP extracts are imported
and a file of PESELs is checked, no PESEL is anywhere in the data directory (the SQLite
database and its journal included) nor in what the commands printed."""

from __future__ import annotations

from kooperacja.records.tests.test_isolation import installation  # noqa: F401  # the fixture
from kooperacja.records.tests.world import MOPS_HEADER, PUP_HEADER, mops_row, pesel, write_csv
from kooperacja.referrals.tests.world import BAD, pup_row


def test_checks_leave_no_pesel_in_the_data_directory(installation, tmp_path):  # noqa: F811
    installation.kooperacja("add-institution", "pup", "--name", "PUP", "--kind", "pup",
                            "--territory", "C1")
    mops = write_csv(tmp_path / "mops.csv", MOPS_HEADER,
                     [mops_row(n, supports="szkolenie") for n in range(1, 6)])
    pup = write_csv(tmp_path / "pup.csv", PUP_HEADER,
                    [pup_row(n, "szkolenie") for n in range(4, 9)])
    printed = [installation.kooperacja("import-records", str(mops), "--institution", "mops",
                                       "--period", "2025", "--layout", "mops"),
               installation.kooperacja("import-records", str(pup), "--institution", "pup",
                                       "--period", "2025", "--layout", "pup")]
    numbers = [pesel(n) for n in range(1, 11)] + [BAD]
    listing = tmp_path / "pesels.txt"
    listing.write_text("\n".join(numbers) + "\n", encoding="utf-8")
    answers = tmp_path / "answers.csv"
    printed += [installation.kooperacja("check-client", "--institution", "mops",
                                        "--instrument-type", "training", "--since", "2025-01-01",
                                        "--pesel-file", str(listing)),
                installation.kooperacja("check-client", "--institution", "mops",
                                        "--instrument-type", "training", "--since", "2025-01-01",
                                        "--pesel-file", str(listing), "--out", str(answers))]
    rows = printed[2].stdout.splitlines()
    assert rows[0] == "line,answer,institutions,periods" and len(rows) == 12
    # Persons 4 and 5 (MOPS and PUP), 6, 7, 8 (PUP only) are PUP's trainees.
    assert [r.split(",")[1] for r in rows[1:]] == ["no"] * 3 + ["yes"] * 5 + ["no"] * 2 \
        + ["invalid"]
    assert answers.read_text(encoding="utf-8").splitlines() == rows
    files = [p for p in installation.data.rglob("*") if p.is_file()]
    assert files
    for path in files:
        content = path.read_bytes()
        for number in numbers:
            assert number.encode("ascii") not in content, f"{number} found in {path.name}"
    output = "".join(done.stdout + done.stderr for done in printed)
    for number in numbers:
        assert number not in output
