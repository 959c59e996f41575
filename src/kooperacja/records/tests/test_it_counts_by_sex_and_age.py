"""Records and counts carry each person's sex and age band, derived at import from the
PESEL or the birth date; the counts by sex and age equal the truth of the extract and what
SQL gives over the stored records, and add up to the counts per unit."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter

import pytest
import shapely
from django.core.management import call_command
from django.db import connection

from kooperacja.addresses.models import PointUnit
from kooperacja.records.models import Record, RecordCode, UnitCount, UnitCountBreakdown
from kooperacja.records.services.counts import breakdown_rows, count_rows, unit_breakdowns
from kooperacja.records.services.importing import import_submission
from kooperacja.records.tests.world import MOPS_HEADER, PUP_HEADER, write_csv
from kooperacja.territory.models import Generation
from kooperacja.territory.services.boundaries import import_units

pytestmark = pytest.mark.django_db
END = dt.date(2025, 12, 31)
_FIELDS = ("unit_id", "level_id", "code_list_id", "code_id", "sex", "age_band", "persons",
           "families")


def make_pesel(born: dt.date, female: bool, serial: int) -> str:
    """A valid PESEL of someone born on ``born`` (the century in the month)."""
    month = born.month + {18: 80, 19: 0, 20: 20}[born.year // 100]
    digits = f"{born.year % 100:02d}{month:02d}{born.day:02d}{serial % 1000:03d}"
    digits += str((2 * (serial % 5)) + (0 if female else 1))
    weights = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
    return digits + str((10 - sum(int(d) * w for d, w in zip(digits, weights)) % 10) % 10)


def band(born: dt.date | None) -> str | None:
    if born is None or born > END:
        return None
    age = END.year - born.year - ((END.month, END.day) < (born.month, born.day))
    for low, name in ((65, "65+"), (50, "50-64"), (30, "30-49"), (25, "25-29"), (18, "18-24")):
        if age >= low:
            return name
    return "0-17"


# Birthdays around the bands' edges: the day before and on the 18th, 25th, … birthday.
BIRTHS = [dt.date(2007, 12, 31), dt.date(2008, 1, 1), dt.date(2000, 12, 31),
          dt.date(2001, 1, 1), dt.date(1996, 12, 31), dt.date(1995, 12, 31),
          dt.date(1976, 1, 1), dt.date(1975, 12, 31), dt.date(1961, 6, 30),
          dt.date(1960, 12, 31), dt.date(1940, 2, 29), dt.date(2019, 5, 5), dt.date(1899, 3, 1)]


def people() -> list[dict[str, object]]:
    """Persons with a PESEL, some with a birth date only (no sex), one with neither known
    (a PESEL-less person needs a birth date, so everyone has a band or a PESEL)."""
    out: list[dict[str, object]] = []
    for n in range(40):
        born = BIRTHS[n % len(BIRTHS)]
        female = n % 3 == 0
        with_pesel = n % 7 != 3
        out.append({
            "n": n, "born": born, "sex": ("K" if female else "M") if with_pesel else None,
            "pesel": make_pesel(born, female, n) if with_pesel else "",
            "street": "Długa" if n % 4 else "Krótka", "family": n // 2,
            "reasons": ("1", "1,4", "7")[n % 3],
        })
    return out


def mops_rows(persons: list[dict[str, object]]) -> list[list[str]]:
    rows = []
    for p in persons:
        born = p["born"]
        assert isinstance(born, dt.date)
        rows.append([str(p["pesel"]), f"Nowak{p['n']}", f"Jan{p['n']}",
                     "" if p["pesel"] and p["n"] % 2 else born.strftime("%d.%m.%Y"),
                     str(p["street"]), "1", "", "Testowo", "", f"R{p['family']}",
                     str(p["reasons"]), "posiłek"])
    return rows


def test_records_and_counts_carry_the_truth_of_the_extract(tmp_path, cast):
    persons = people()
    path = write_csv(tmp_path / "mops.csv", MOPS_HEADER, mops_rows(persons))
    submission = import_submission(path, cast.a, "2025", "mops")
    assert submission.rows_imported == len(persons)
    stored = {r.row - 2: (r.sex, r.age_band) for r in Record.objects.all()}
    truth = {p["n"]: (p["sex"], band(p["born"])) for p in persons}  # type: ignore[arg-type]
    assert stored == truth
    assert None in {s for s, _ in truth.values()} and "65+" in {b for _, b in truth.values()}

    # Everyone placed in the city, and in the estate of Krótka, by sex × band.
    def expected(where: set[str], reason: str | None = None) -> Counter[tuple[object, object]]:
        return Counter(truth[p["n"]] for p in persons  # type: ignore[index]
                       if p["street"] in where and (reason is None
                                                   or reason in str(p["reasons"]).split(",")))

    city, krotka = (UnitCount.objects.get(unit__code=c, code__isnull=True).unit_id
                    for c in ("C1", "E2"))
    everyone = unit_breakdowns("2025", audience="analyst")
    assert everyone[city] == expected({"Długa", "Krótka"})
    assert everyone[krotka] == expected({"Krótka"})
    poverty = unit_breakdowns("2025", code_list="mops_reason", codes=["1"], audience="analyst")
    assert poverty[city] == expected({"Długa", "Krótka"}, "1")
    assert unit_breakdowns("2025", code_list="mops_reason", codes=["4"], units=[krotka],
                            audience="analyst") == {
        krotka: expected({"Krótka"}, "4")}
    _adds_up()
    _same_as_sql(submission.pk)


def _adds_up() -> None:
    """The persons of every unit and code add up over sex and band to its count."""
    totals = Counter[tuple[object, ...]]()
    for unit, code, persons in UnitCountBreakdown.objects.values_list("unit", "code", "persons"):
        totals[(unit, code)] += persons
    assert totals == {(u, c): n for u, c, n in UnitCount.objects.values_list(
        "unit", "code", "persons")}


def _breakdowns() -> list[tuple[object, ...]]:
    """The breakdowns of current units (a replaced generation's units keep theirs)."""
    return sorted(UnitCountBreakdown.objects.filter(unit__generation__is_current=True)
                  .values_list(*_FIELDS), key=repr)


def _same_as_sql(submission: int) -> None:
    """The tallied breakdowns equal those SQL counts over the stored records."""
    record, codes, point_unit = (Record._meta.db_table, RecordCode._meta.db_table,
                                 PointUnit._meta.db_table)
    current = (f"pu.generation_id IN (SELECT id FROM {Generation._meta.db_table} "
               f"WHERE is_current)")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT pu.unit_id, pu.level_id, rc.code_list_id, rc.code_id, r.sex, r.age_band, "
            f"COUNT(DISTINCT r.person), COUNT(DISTINCT r.family) "
            f"FROM {codes} rc JOIN {record} r ON r.id = rc.record_id "
            f"JOIN {point_unit} pu ON {current} AND pu.point_id = r.point_id "
            f"WHERE rc.submission_id = %s "
            f"GROUP BY pu.unit_id, pu.level_id, rc.code_list_id, rc.code_id, r.sex, r.age_band "
            f"UNION ALL "
            f"SELECT pu.unit_id, pu.level_id, NULL, NULL, r.sex, r.age_band, "
            f"COUNT(DISTINCT r.person), COUNT(DISTINCT r.family) "
            f"FROM {record} r JOIN {point_unit} pu ON {current} AND pu.point_id = r.point_id "
            f"WHERE r.submission_id = %s GROUP BY pu.unit_id, pu.level_id, r.sex, r.age_band",
            [submission, submission],
        )
        reference = sorted((tuple(row) for row in cursor.fetchall()), key=repr)
    assert _breakdowns() == reference


def test_a_new_generation_gets_the_breakdowns_sql_gives(tmp_path, cast, layer_writer):
    submission = import_submission(write_csv(tmp_path / "mops.csv", MOPS_HEADER,
                                             mops_rows(people())), cast.a, "2025", "mops")
    halves = [shapely.box(0, 0, 0.015, 0.01), shapely.box(0.015, 0, 0.03, 0.01)]
    import_units(layer_writer(tmp_path / "estates.geojson", halves,
                              {"kod": ["W", "E"], "nazwa": ["West", "East"]}, "EPSG:4326"),
                 "estate", "kod", "nazwa", parent_level="city",
                 allow_retire=True)  # two estates redrawn as two others
    _adds_up()
    _same_as_sql(submission.pk)


def test_a_pup_extract_without_birth_dates_takes_them_from_the_pesel(tmp_path, cast):
    rows = [[make_pesel(BIRTHS[n], n % 2 == 0, n), f"Nazwisko{n}", f"Imię{n}", "ul. Długa 1",
             "Testowo", "do 30 roku życia", "szkolenie", "2025-03-01"] for n in range(10)]
    import_submission(write_csv(tmp_path / "pup.csv", PUP_HEADER, rows), cast.b, "2025", "pup")
    assert Counter(Record.objects.values_list("sex", "age_band")) == Counter(
        ("K" if n % 2 == 0 else "M", band(BIRTHS[n])) for n in range(10))


def test_the_counts_export_splits_by_sex_and_age(tmp_path, cast):
    import_submission(write_csv(tmp_path / "mops.csv", MOPS_HEADER, mops_rows(people())),
                      cast.a, "2025", "mops")
    by_sex = breakdown_rows("2025", level="city", by=("sex",))
    whole = {(r["code_list"], r["code"]): r["persons"] for r in count_rows("2025", level="city")}
    summed = Counter[tuple[object, object]]()
    for row in by_sex:
        assert set(row) == {"unit_code", "code_list", "code", "sex", "persons", "families"}
        assert row["families"] == ""  # families do not add up over the bands
        summed[(row["code_list"], row["code"])] += row["persons"]  # type: ignore[operator]
    assert summed == whole
    out = tmp_path / "counts.csv"
    call_command("counts", "--period", "2025", "--level", "estate", "--by", "sex",
                 "--by", "age_band", "--out", str(out), stdout=io.StringIO())
    header, *lines = out.read_text(encoding="utf-8").splitlines()
    assert header == "unit_code,code_list,code,sex,age_band,persons,families"
    assert len(lines) == len(breakdown_rows("2025", level="estate"))


def test_the_overlap_of_two_institutions_splits_by_sex_and_age(tmp_path, cast):
    from kooperacja.records.services.overlap import overlap_table

    persons = people()
    import_submission(write_csv(tmp_path / "mops.csv", MOPS_HEADER, mops_rows(persons)),
                      cast.a, "2025", "mops")
    shared = [p for p in persons if p["pesel"]]
    rows = [[str(p["pesel"]), f"Nowak{p['n']}", f"Jan{p['n']}", f"ul. {p['street']} 1",
             "Testowo", "do 30 roku życia", "szkolenie", "2025-03-01"] for p in shared]
    import_submission(write_csv(tmp_path / "pup.csv", PUP_HEADER, rows), cast.b, "2025", "pup")

    def by_hand(sex: str | None, bands: set[str | None] | None) -> int:
        return sum(1 for p in shared if (sex is None or p["sex"] == sex)
                   and (bands is None or band(p["born"]) in bands))  # type: ignore[arg-type]

    def whole(**who: object) -> int:
        table = overlap_table("2025", cast.a, cast.b, "city", **who)  # type: ignore[arg-type]
        return int(table.loc[table["unit_code"] == "*", "persons_both"].iloc[0])

    assert whole() == by_hand(None, None)
    assert whole(sex="K") == by_hand("K", None)
    assert whole(sex="M", age_bands=["18-29"]) == by_hand("M", {"18-24", "25-29"})
    assert whole(age_bands=["65+", "0-17"]) == by_hand(None, {"65+", "0-17"})
