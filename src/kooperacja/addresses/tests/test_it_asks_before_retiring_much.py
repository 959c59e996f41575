"""A re-import that would retire much at once (the wrong boundary file, a register extract of
part of a gmina) stops with nothing changed until the user confirms with --allow-retire."""

from __future__ import annotations

import pytest
import shapely
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from kooperacja.addresses.models import AddressPoint, RegisterImport
from kooperacja.addresses.tests.registers import point, write_register
from kooperacja.territory.models import Generation, Unit

pytestmark = pytest.mark.django_db


def register(path, numbers):
    return write_register(path, [point(f"p-{n}", "Długa", str(n), 10 * n) for n in numbers])


def test_a_register_extract_that_leaves_out_half_the_points_stops_until_confirmed(tmp_path):
    call_command("import_addresses", str(register(tmp_path / "whole.csv", range(1, 11))))
    half = register(tmp_path / "half.csv", range(1, 6))
    with translation.override("pl"), pytest.raises(CommandError) as refused:
        call_command("import_addresses", str(half))
    message = str(refused.value)
    assert message.startswith("half.csv") and "5 z 10" in message and "--allow-retire" in message
    # Nothing changed: every point active, no import recorded.
    assert AddressPoint.objects.active().count() == 10
    assert RegisterImport.objects.count() == 1

    call_command("import_addresses", str(half), "--allow-retire")
    assert AddressPoint.objects.active().count() == 5
    assert RegisterImport.objects.latest("pk").retired == 5


def test_leaving_out_no_more_than_the_share_needs_no_confirmation(tmp_path, settings):
    assert settings.KOOPERACJA_RETIRE_PERCENT == 20
    call_command("import_addresses", str(register(tmp_path / "whole.csv", range(1, 11))))
    call_command("import_addresses", str(register(tmp_path / "less.csv", range(1, 9))))
    assert AddressPoint.objects.active().count() == 8


def squares(path, layer_writer, codes):
    shapes = [shapely.box(i * 100, 0, i * 100 + 100, 100) for i in range(len(codes))]
    return layer_writer(path, shapes, {"kod": codes, "nazwa": codes}, "EPSG:2180")


def test_a_boundary_file_that_retires_most_of_a_level_stops_until_confirmed(tmp_path,
                                                                             layer_writer):
    codes = [f"E{i}" for i in range(1, 6)]
    call_command("import_units", str(squares(tmp_path / "osiedla.gpkg", layer_writer, codes)),
                 "--level", "estate", "--code-field", "kod", "--name-field", "nazwa")
    wrong = squares(tmp_path / "dzielnice.gpkg", layer_writer, ["D1", "D2"])
    args = ["--level", "estate", "--code-field", "kod", "--name-field", "nazwa"]
    with translation.override("pl"), pytest.raises(CommandError) as refused:
        call_command("import_units", str(wrong), *args)
    message = str(refused.value)
    assert message.startswith("dzielnice.gpkg") and "5 z 5" in message
    assert "--allow-retire" in message
    assert Generation.objects.count() == 1
    assert sorted(Unit.objects.current().values_list("code", flat=True)) == codes

    call_command("import_units", str(wrong), *args, "--allow-retire")
    assert sorted(Unit.objects.current().values_list("code", flat=True)) == ["D1", "D2"]
