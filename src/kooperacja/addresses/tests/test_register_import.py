"""Importing the PRG register: placement, stable ids, retiring, atomicity."""

from __future__ import annotations

import zipfile

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import translation

from kooperacja.addresses.models import AddressPoint, RegisterImport
from kooperacja.addresses.services import register
from kooperacja.addresses.services.register import ImportProgress, import_addresses
from kooperacja.addresses.tests.registers import konotop_register, point, write_register
from kooperacja.core.prg import PrgReadError

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _retiring_on_purpose(settings):
    """These registers have a few points, so a point left out is a large share of them: the
    guard against retiring much at once (test_it_asks_before_retiring_much.py) stays out."""
    settings.KOOPERACJA_RETIRE_PERCENT = 100


def test_it_lands_the_2012_sample_in_konotop(sample_data):
    import_addresses(sample_data / "prg" / "prg_model2012_sample.xml")
    podgorna = AddressPoint.objects.get(locality="Konotop", street__contains="Podgórna", number="2")
    assert podgorna.lon == pytest.approx(15.912, abs=0.002)
    assert podgorna.lat == pytest.approx(51.930, abs=0.002)
    assert podgorna.x == pytest.approx(287772.37, abs=0.1)


def test_it_lands_the_2021_sample_in_lubuskie_with_its_village_address(sample_data):
    result = import_addresses(sample_data / "prg" / "prg_model2021_sample.gml")
    assert result.register_import.new == 3
    zubrow = AddressPoint.objects.get(locality="Żubrów", number="21A")
    assert zubrow.street == "" and zubrow.simc == "0188009"
    assert (zubrow.x, zubrow.y) == pytest.approx((238651.83, 519741.27))
    for p in AddressPoint.objects.all():
        assert 14.5 < p.lon < 15.6 and 52.0 < p.lat < 52.8


def test_it_keeps_ids_updates_changed_and_retires_missing_points(tmp_path):
    import_addresses(konotop_register(tmp_path / "first.csv"))
    ids = dict(AddressPoint.objects.values_list("source_id", "pk"))
    second = write_register(tmp_path / "second.csv", [
        point("p-podgorna-2", "Podgórna", "2"),
        point("p-podgorna-4", "Podgórna", "4A", 100),
        point("p-lipowa-3", "Lipowa", "3", 300),
    ])
    done = import_addresses(second).register_import
    assert (done.new, done.changed, done.unchanged, done.retired) == (1, 1, 1, 1)
    after = {p.source_id: p for p in AddressPoint.objects.all()}
    assert after["p-podgorna-2"].pk == ids["p-podgorna-2"]
    assert after["p-podgorna-4"].pk == ids["p-podgorna-4"] and after["p-podgorna-4"].number == "4A"
    assert after["p-lipowa-1"].retired_at is not None
    assert after["p-lipowa-3"].retired_at is None
    assert AddressPoint.objects.active().count() == 3


def test_it_counts_each_kind_of_point_and_unchanged_ones_stay_with_their_import(tmp_path):
    first = import_addresses(konotop_register(tmp_path / "first.csv")).register_import
    import_addresses(write_register(tmp_path / "second.csv", [
        point("p-podgorna-2", "Podgórna", "2"),
        point("p-podgorna-4", "Podgórna", "4", 100),
        point("p-lipowa-3", "Lipowa", "3", 300),
    ]))
    ids = dict(AddressPoint.objects.values_list("source_id", "pk"))
    done = import_addresses(write_register(tmp_path / "third.csv", [
        point("p-podgorna-2", "Podgórna", "2"),  # unchanged since the first import
        point("p-podgorna-4", "Podgórna", "4A", 100),  # changed
        point("p-lipowa-1", "Lipowa", "1", 200),  # retired by the second, back again
        point("p-lipowa-5", "Lipowa", "5", 250),  # new
        point("p-lipowa-7", "Lipowa", "7", 350),  # new
    ])).register_import  # p-lipowa-3 is gone: retired
    assert (done.points, done.new, done.changed, done.unchanged, done.retired) == (5, 2, 2, 1, 1)
    after = {p.source_id: p for p in AddressPoint.objects.all()}
    assert {s: after[s].pk for s in ids} == ids
    assert after["p-podgorna-2"].register_import_id == first.pk
    assert all(after[s].register_import_id == done.pk for s in after if s != "p-podgorna-2")
    assert after["p-lipowa-1"].retired_at is None and after["p-lipowa-3"].retired_at is not None
    assert min(after["p-lipowa-5"].pk, after["p-lipowa-7"].pk) > max(ids.values())


def test_it_leaves_other_gminas_alone(tmp_path):
    import_addresses(konotop_register(tmp_path / "konotop.csv"))
    elsewhere = write_register(tmp_path / "other.csv",
                               [point("p-other", "Polna", "1", locality="Kolsko", gmina="0804042")])
    assert import_addresses(elsewhere).register_import.retired == 0
    assert AddressPoint.objects.active().count() == 4


def test_it_retires_only_what_each_gmina_lost_when_points_move_between_gminas(tmp_path):
    kolsko = {"locality": "Kolsko", "gmina": "0804042"}
    import_addresses(write_register(tmp_path / "first.csv", [
        point("p-podgorna-2", "Podgórna", "2"),
        point("p-podgorna-4", "Podgórna", "4", 100),
        point("p-polna-1", "Polna", "1", **kolsko),
    ]))
    # Podgórna 4 moves to Kolsko's gmina, which loses Polna 1 and gains Polna 3: each gmina
    # lists as many points as before the move.
    done = import_addresses(write_register(tmp_path / "second.csv", [
        point("p-podgorna-2", "Podgórna", "2"),
        point("p-podgorna-4", "Podgórna", "4", 100, **kolsko),
        point("p-polna-3", "Polna", "3", **kolsko),
    ])).register_import
    assert (done.new, done.changed, done.unchanged, done.retired) == (1, 1, 1, 1)
    active = AddressPoint.objects.active()
    assert sorted(active.values_list("source_id", "teryt_gmina")) == [
        ("p-podgorna-2", "0804032"), ("p-podgorna-4", "0804042"), ("p-polna-3", "0804042"),
    ]
    # A retired point listed again comes back under its old id.
    polna = AddressPoint.objects.get(source_id="p-polna-1")
    again = import_addresses(write_register(tmp_path / "third.csv", [
        point("p-podgorna-2", "Podgórna", "2"),
        point("p-polna-1", "Polna", "1", **kolsko),
    ])).register_import
    assert (again.new, again.changed, again.retired) == (0, 1, 2)
    assert AddressPoint.objects.active().get(source_id="p-polna-1").pk == polna.pk


def test_it_changes_nothing_when_the_merge_fails(tmp_path, monkeypatch):
    import_addresses(konotop_register(tmp_path / "first.csv"))
    before = list(AddressPoint.objects.values_list("pk", "source_id", "number", "retired_at"))
    changed = write_register(tmp_path / "second.csv", [point("p-new", "Podgórna", "8", 50)])

    def broken(*args, **kwargs):
        raise RuntimeError("killed during the unit assignment")

    monkeypatch.setattr(register, "assign_units", broken)
    with pytest.raises(RuntimeError):
        import_addresses(changed)
    assert list(AddressPoint.objects.values_list("pk", "source_id", "number",
                                                 "retired_at")) == before
    assert RegisterImport.objects.count() == 1
    with connection.cursor() as cursor:
        assert "addresses_staging" not in connection.introspection.table_names(cursor)


def test_it_changes_nothing_when_the_file_breaks_half_way(tmp_path):
    import_addresses(konotop_register(tmp_path / "first.csv"))
    rows = [point(f"p-{i}", "Podgórna", str(i + 10), i % 500) for i in range(60_000)]
    rows[55_000] = rows[55_000].rsplit(";", 2)[0] + ";;"  # no position, past the first chunk
    with pytest.raises(PrgReadError) as error:
        import_addresses(write_register(tmp_path / "broken.csv", rows))
    assert "broken.csv" in str(error.value)
    assert AddressPoint.objects.count() == 3 and AddressPoint.objects.active().count() == 3


def test_a_first_import_that_breaks_half_way_leaves_an_empty_register(tmp_path):
    rows = [point(f"p-{i}", "Podgórna", str(i + 10), i % 500) for i in range(60_000)]
    rows[55_000] = rows[55_000].rsplit(";", 2)[0] + ";;"
    with pytest.raises(PrgReadError):
        import_addresses(write_register(tmp_path / "broken.csv", rows))
    assert not AddressPoint.objects.exists() and not RegisterImport.objects.exists()
    assert source_ids_are_unique()


@pytest.mark.parametrize("first", [True, False], ids=["first import", "re-import"])
def test_it_refuses_a_file_with_a_point_twice(tmp_path, first):
    if not first:
        import_addresses(konotop_register(tmp_path / "first.csv"))
    before = AddressPoint.objects.count()
    path = write_register(tmp_path / "twice.csv", [point("p-1", "Podgórna", "2"),
                                                    point("p-1", "Podgórna", "4")])
    with pytest.raises(PrgReadError, match="p-1"):
        import_addresses(path)
    assert AddressPoint.objects.count() == before
    assert source_ids_are_unique()


def source_ids_are_unique() -> bool:
    """The first import drops the source id's unique index while it loads: it is back."""
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, AddressPoint._meta.db_table)
    return any(c["unique"] and c["columns"] == ["source_id"] for c in constraints.values())


def test_it_skips_unusable_points_when_asked(tmp_path):
    path = write_register(tmp_path / "r.csv", [point("p-1", "Podgórna", "2"),
                                                point("p-2", "Podgórna", "4")
                                                .rsplit(";", 2)[0] + ";;"])
    result = import_addresses(path, skip_bad_points=True)
    assert result.skipped == 1 and AddressPoint.objects.count() == 1




def test_it_reports_how_far_into_the_file_it_is_and_then_each_stage(tmp_path):
    seen: list[ImportProgress] = []
    path = write_register(tmp_path / "r.csv", [point(f"p-{i}", "Podgórna", str(i), i % 500)
                                                for i in range(120_000)])
    import_addresses(path, progress=seen.append)
    reading = [p for p in seen if p.stage == "reading"]
    assert len({p.bytes_read for p in reading}) > 2  # it moves while the file is read
    assert [p.bytes_read for p in seen] == sorted(p.bytes_read for p in seen)
    assert [p.points for p in seen] == sorted(p.points for p in seen)
    last = seen[-1]
    assert (last.stage, last.bytes_read, last.bytes_total, last.points) == (
        "indexing", path.stat().st_size, path.stat().st_size, 120_000)

    seen.clear()
    import_addresses(path, progress=seen.append)
    assert [p.stage for p in seen if p.stage != "reading"] == ["indexing", "merging"]
    assert seen[-1].bytes_read == seen[-1].bytes_total == path.stat().st_size


def test_it_counts_the_uncompressed_bytes_of_a_zipped_gml_file(tmp_path, sample_data):
    sample = sample_data / "prg" / "prg_model2021_sample.gml"
    archive = tmp_path / "PRG_lubuskie.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.write(sample, "PRG_PunktyAdresowe_08.gml")
    seen: list[ImportProgress] = []
    import_addresses(archive, progress=seen.append)
    assert seen[-1].bytes_read == seen[-1].bytes_total == sample.stat().st_size
    assert seen[-1].points == 3


def test_the_command_sums_up_in_polish_with_the_thousands_apart(tmp_path):
    rows = [point(f"p-{i}", "Podgórna", str(i), i % 500) for i in range(1500)]
    path = write_register(tmp_path / "r.csv", rows)
    with translation.override("pl"):
        summary = call_command("import_addresses", str(path), verbosity=0)
    assert summary == ("r.csv: punkty: 1\xa0500 (nowe: 1\xa0500, zmienione: 0, bez zmian: 0, "
                       "wycofane: 0)")
    with translation.override("en"):
        summary = call_command("import_addresses", str(path), verbosity=0)
    assert summary == "r.csv: 1,500 points: 0 new, 0 changed, 1,500 unchanged, 0 retired"
