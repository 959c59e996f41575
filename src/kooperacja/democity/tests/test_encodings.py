from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyogrio

from kooperacja.democity import Manifest

from .layers import read_layer


def test_it_decodes_estate_names_from_the_windows_1250_dbf(
    city_dir: Path, manifest: Manifest
) -> None:
    assert (city_dir / "estates.cpg").read_text().strip().upper() in {
        "CP1250",
        "1250",
        "WINDOWS-1250",
    }
    _, _, (codes, names, _) = read_layer(city_dir / "estates.shp")
    assert dict(zip(codes, names)) == {e["code"]: e["name"] for e in manifest.estates}
    assert any(ch in "".join(names) for ch in "ąłżśŁŻŚ")
    raw = (city_dir / "estates.dbf").read_bytes()
    name = next(n for n in names if any(ch in n for ch in "ąśź"))
    assert name.encode("cp1250") in raw and name.encode("iso-8859-2") not in raw


def test_it_reads_district_names_right_from_the_geopackage(city_dir: Path) -> None:
    _, _, (_, names) = read_layer(city_dir / "districts.gpkg")
    assert "Śródmieście" in list(names)
    assert pyogrio.list_layers(city_dir / "districts.gpkg")[0][0] == "districts"


def test_it_writes_the_mops_extract_in_windows_1250(city_dir: Path) -> None:
    raw = (city_dir / "mops_2025.csv").read_bytes()
    header = raw.split(b"\r\n", 1)[0]
    assert (
        header
        == "PESEL;Nazwisko;Imię;Data urodzenia;Adres;Miejscowość;Kod pocztowy;Nr rodziny;Powody;Formy pomocy".encode(
            "cp1250"
        )
    )
    text = raw.decode("cp1250")
    assert "ł" in text and "ś" in text
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        raise AssertionError("the MOPS extract decodes as UTF-8; it should be Windows-1250")


def test_it_writes_addresses_in_the_prg_csv_layout(addresses: pd.DataFrame) -> None:
    assert list(addresses.columns) == [
        "lokalny_id",
        "teryt_wojewodztwo",
        "wojewodztwo",
        "teryt_powiat",
        "powiat",
        "teryt_gmina",
        "gmina",
        "teryt_miejscowosc",
        "miejscowosc",
        "czesc_miejscowosci",
        "teryt_ulica",
        "ulica",
        "numer_porzadkowy",
        "kod_pocztowy",
        "status",
        "x_epsg_2180",
        "y_epsg_2180",
        "dlugosc_geograficzna",
        "szerokosc_geograficzna",
    ]
    assert addresses["lokalny_id"].is_unique
    assert addresses["kod_pocztowy"].str.fullmatch(r"\d\d-\d\d\d").all()
    assert addresses["numer_porzadkowy"].str.fullmatch(r"\d+[A-Z]?").all()
    assert not addresses["ulica"].str.startswith(("ul.", "ul ", "al.", "pl.")).any()
    assert {"Plac Wolności", "Rynek", "Tadeusza Kościuszki", "3 Maja"} <= set(addresses["ulica"])
