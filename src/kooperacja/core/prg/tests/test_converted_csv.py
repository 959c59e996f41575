from __future__ import annotations

from pathlib import Path

import pytest

from kooperacja.core.prg import PrgReadError
from kooperacja.core.prg.tests.points import by_address, read_records

HEADER = [
    "przestrzen_nazw", "lokalny_id", "teryt_wojewodztwo", "wojewodztwo", "teryt_powiat",
    "powiat", "teryt_gmina", "gmina", "teryt_miejscowosc", "miejscowosc",
    "czesc_miejscowosci", "teryt_ulica", "ulica", "numer_porzadkowy", "kod_pocztowy",
    "status", "x_epsg_2180", "y_epsg_2180", "dlugosc_geograficzna", "szerokosc_geograficzna",
]
PODGORNA_2 = [
    "PL.PZGIK.200", "fd9c9319-0a6a-44b4-972a-1e6c4ec0d4ca", "08", "lubuskie", "0804",
    "nowosolski", "0804032", "Kolsko", "0910140", "Konotop", "", "16742", "Podgórna", "2",
    "67-416", "istniejacy", "287772.37", "456005.14", "15.912124", "51.929775",
]
ZUBROW_21A = [
    "PL.PZGIK.200", "7343b2d2-c2ac-4951-ae9a-fe1932ffecfb", "08", "lubuskie", "0807",
    "międzyrzecki", "0807043", "Przytoczna", "0188009", "Żubrów", "", "", "", "21A",
    "69-200", "istniejacy", "238651.83", "519741.27", "", "",
]


def _write(path: Path, rows: list[list[str]], delimiter: str = ",",
           encoding: str = "utf-8") -> Path:
    lines = [delimiter.join(HEADER)] + [delimiter.join(row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding=encoding)
    return path


def test_it_reads_easting_and_northing_the_right_way_round(tmp_path: Path) -> None:
    points = by_address(read_records(_write(tmp_path / "prg.csv", [PODGORNA_2, ZUBROW_21A])))
    podgorna = points[("Konotop", "Podgórna", "2")]
    assert (podgorna["x"], podgorna["y"]) == pytest.approx((287772.37, 456005.14))
    assert podgorna["lon"] == pytest.approx(15.912, abs=0.001)
    assert podgorna["lat"] == pytest.approx(51.930, abs=0.001)
    assert (podgorna["teryt_gmina"], podgorna["simc"], podgorna["ulic"]) == (
        "0804032", "0910140", "16742")
    village = points[("Żubrów", "", "21A")]
    assert village["lon"] == pytest.approx(15.1498, abs=0.001)


def test_it_reads_windows_1250_with_semicolons_and_decimal_commas(tmp_path: Path) -> None:
    rows = [[v.replace(".", ",") if v[:1].isdigit() and "." in v else v for v in row]
            for row in (PODGORNA_2, ZUBROW_21A)]
    path = _write(tmp_path / "prg1250.csv", rows, delimiter=";", encoding="cp1250")
    assert "Żubrów".encode("cp1250") in path.read_bytes()
    points = by_address(read_records(path))
    assert set(points) == {("Konotop", "Podgórna", "2"), ("Żubrów", "", "21A")}
    assert points[("Konotop", "Podgórna", "2")]["x"] == pytest.approx(287772.37)


def test_it_gives_the_row_of_a_point_without_coordinates(tmp_path: Path) -> None:
    broken = ZUBROW_21A[:16] + ["", "", "", ""]
    path = _write(tmp_path / "prg.csv", [PODGORNA_2, broken])
    with pytest.raises(PrgReadError) as raised:
        read_records(path)
    assert raised.value.row == 3
    assert raised.value.field == "x_epsg_2180"
    skipped: list[PrgReadError] = []
    assert len(read_records(path, on_skip=skipped.append)) == 1
    assert [error.row for error in skipped] == [3]


def test_it_reads_x_and_y_in_the_coordinate_system_given(tmp_path: Path) -> None:
    path = tmp_path / "xy.csv"
    path.write_text("lokalny_id,miejscowosc,numer_porzadkowy,x,y\n"
                    "a1,Konotop,2,15.912124,51.929775\n", encoding="utf-8")
    with pytest.raises(PrgReadError, match="--crs"):
        read_records(path)
    (point,) = read_records(path, crs="EPSG:4326")
    assert (point["x"], point["y"]) == pytest.approx((287772.37, 456005.14), abs=0.5)


def test_it_names_the_missing_columns(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("lokalny_id,ulica,numer_porzadkowy\n1,Podgórna,2\n", encoding="utf-8")
    with pytest.raises(PrgReadError, match="missing column miejscowosc"):
        read_records(path, format="csv")
