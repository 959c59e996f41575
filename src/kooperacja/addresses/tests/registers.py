"""Small converted-CSV registers written for the tests, and unit layers around them."""

from __future__ import annotations

from pathlib import Path

from pyproj import Transformer

HEADER = ("lokalny_id;teryt_gmina;teryt_miejscowosc;miejscowosc;czesc_miejscowosci;teryt_ulica;"
          "ulica;numer_porzadkowy;kod_pocztowy;status;x_epsg_2180;y_epsg_2180")
# Podgórna 2 in Konotop (PRG 2012 sample), EPSG:2180 easting, northing.
KONOTOP = (287772.37, 456005.14)
TO_WGS84 = Transformer.from_crs("EPSG:2180", "EPSG:4326", always_xy=True)


def point(source_id: str, street: str, number: str, dx: float = 0.0, *,
          locality: str = "Konotop", gmina: str = "0804032") -> str:
    x, y = KONOTOP[0] + dx, KONOTOP[1]
    simc = "0910290" if locality == "Konotop" else f"{sum(map(ord, locality)) % 10**7:07d}"
    return (f"{source_id};{gmina};{simc};{locality};;;{street};{number};67-416;istniejacy;"
            f"{x:.2f};{y:.2f}")


def write_register(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def konotop_register(path: Path) -> Path:
    """Podgórna 2 and 4 and Lipowa 1, 100 m apart west to east."""
    return write_register(path, [
        point("p-podgorna-2", "Podgórna", "2"),
        point("p-podgorna-4", "Podgórna", "4", 100),
        point("p-lipowa-1", "Lipowa", "1", 200),
    ])
