"""Benchmark: reading PRG address files (no storing) with ``kooperacja.core.prg``.

Run: ``python -c "import sys; sys.path.insert(0, 'benchmarks'); import prg_read;
[print(x) for x in prg_read.run()]"``. Synthetic files are written to a temporary
directory: a converted CSV of 7.5 million points (the national register's size) and a
GML model-2021 file of 1 million points built on the structure of GUGiK's files. The
writers are reused by the import benchmark.
"""

from __future__ import annotations

import random
import resource
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from kooperacja.core.prg import read_addresses

CSV_HEADER = (
    "przestrzen_nazw,lokalny_id,wersja_id,poczatek_wersji_obiektu,wazny_od_lub_data_nadania,"
    "wazny_do,teryt_wojewodztwo,wojewodztwo,teryt_powiat,powiat,teryt_gmina,gmina,"
    "teryt_miejscowosc,miejscowosc,czesc_miejscowosci,teryt_ulica,ulica,numer_porzadkowy,"
    "kod_pocztowy,status,x_epsg_2180,y_epsg_2180,dlugosc_geograficzna,szerokosc_geograficzna\n"
)
STREET_NAMES = (
    "Podgórna", "Kościuszki", "3 Maja", "Inwalidów Wojennych", "Plac Kasztanowy",
    "Żwirki i Wigury", "Jana Pawła II", "Łąkowa", "Świętego Ducha", "Ogrodowa",
)
POINTS_PER_LOCALITY = 500
STREETS_PER_LOCALITY = 10
_BLOCK = 100_000


def write_synthetic_csv(path: Path | str, points: int, encoding: str = "utf-8",
                        seed: int = 0) -> Path:
    """Write a converted-form CSV of ``points`` points spread over Poland.

    Every 500 points share a locality; one point in ten is street-less (a village address).
    """
    path = Path(path)
    rng = random.Random(seed)
    with path.open("w", encoding=encoding, newline="") as out:
        out.write(CSV_HEADER)
        for start in range(0, points, _BLOCK):
            lines = []
            for i in range(start, min(points, start + _BLOCK)):
                locality = i // POINTS_PER_LOCALITY
                street = "" if i % 10 == 9 else STREET_NAMES[i % len(STREET_NAMES)]
                ulic = "" if not street else f"{i % STREETS_PER_LOCALITY:05d}"
                x = 180_000 + rng.random() * 650_000
                y = 150_000 + rng.random() * 600_000
                lines.append(
                    f"PL.PZGIK.200,{_uuid(i)},2024-01-01T00:00:00Z,2024-01-01T00:00:00Z,"
                    f"2012-04-27,,08,lubuskie,0804,nowosolski,{804032 + locality % 97:07d},"
                    f"Kolsko,{locality:07d},Miejscowość {locality},,{ulic},{street},"
                    f"{i % 200 + 1}{'A' if i % 7 == 0 else ''},67-416,istniejacy,"
                    f"{x:.2f},{y:.2f},,\n"
                )
            out.write("".join(lines))
    return path


def write_synthetic_gml2021(path: Path | str, points: int, seed: int = 0) -> Path:
    """Write a GML model-2021 file of ``points`` points in the structure of GUGiK's files.

    Each locality of 500 points comes with its streets; one street per locality is written
    after the points that link to it, as in the real sample. One point in ten has no street.
    """
    path = Path(path)
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        out.write(_GML_HEAD)
        for locality, start in enumerate(range(0, points, POINTS_PER_LOCALITY)):
            parts = [_GML_LOCALITY.format(loc=locality, simc=locality % 10_000_000,
                                          gmina=804032 + locality % 97)]
            streets = [locality * STREETS_PER_LOCALITY + s for s in range(STREETS_PER_LOCALITY)]
            parts += [_gml_street(s) for s in streets[1:]]
            for i in range(start, min(points, start + POINTS_PER_LOCALITY)):
                street_link = "" if i % 10 == 9 else _GML_STREET_LINK.format(
                    st=streets[i % STREETS_PER_LOCALITY])
                parts.append(_GML_POINT.format(
                    i=i, uuid=_uuid(i), n=f"{i % 200 + 1}{'A' if i % 7 == 0 else ''}",
                    x=180_000 + rng.random() * 650_000, y=150_000 + rng.random() * 600_000,
                    loc=locality, street=street_link))
            parts.append(_gml_street(streets[0]))
            out.write("".join(parts))
        out.write("</gml:FeatureCollection>\n")
    return path


def run(quick: bool = False) -> Iterator[dict]:
    """Time reading the synthetic files; ``quick`` uses about 50,000 points each."""
    csv_points = 50_000 if quick else 7_500_000
    gml_points = 50_000 if quick else 1_000_000
    with tempfile.TemporaryDirectory(prefix="kooperacja-bench-") as tmp:
        csv_path = write_synthetic_csv(Path(tmp) / "prg.csv", csv_points)
        yield _timed(f"prg_read_csv_{_label(csv_points)}", csv_path)
        csv_path.unlink()
        cp1250_path = write_synthetic_csv(Path(tmp) / "prg1250.csv", min(csv_points, 1_000_000),
                                          encoding="cp1250")
        yield _timed(f"prg_read_csv_cp1250_{_label(min(csv_points, 1_000_000))}", cp1250_path)
        cp1250_path.unlink()
        gml_path = write_synthetic_gml2021(Path(tmp) / "prg2021.gml", gml_points)
        yield _timed(f"prg_read_gml2021_{_label(gml_points)}", gml_path)


def _timed(name: str, path: Path) -> dict:
    started = time.perf_counter()
    points = sum(len(chunk) for chunk in read_addresses(path))
    seconds = time.perf_counter() - started
    return {
        "name": name, "points": points, "seconds": round(seconds, 2),
        "points_per_s": round(points / seconds), "file_mb": round(path.stat().st_size / 1e6),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "worker_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
    }


def _label(points: int) -> str:
    return f"{points / 1e6:g}m".replace(".", "_") if points >= 1_000_000 else f"{points // 1000}k"


def _uuid(i: int) -> str:
    return f"{i * 2654435761 % 2**32:08x}-0a6a-44b4-972a-{i:012x}"


def _gml_street(street: int) -> str:
    return _GML_STREET.format(st=street, name=STREET_NAMES[street % len(STREET_NAMES)],
                              ulic=street % 100_000)


_GML_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<gml:FeatureCollection xmlns:gml="http://www.opengis.net/gml/3.2"
\txmlns:xlink="http://www.w3.org/1999/xlink"
\txmlns:prgad="https://geoportal.gov.pl/schemas/prgad/1.0"
\txmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
"""
_GML_LOCALITY = """\t<gml:featureMember>
\t\t<prgad:AD_Miejscowosc gml:id="PL.ZIPIN.2418.EMUiA_{loc:07d}_2025-10-14T14_04_04_02_00">
\t\t\t<prgad:idIIP>
\t\t\t\t<prgad:AD_IdentyfikatorIIP>
\t\t\t\t\t<prgad:lokalnyId>6b96ea4e-3e8c-4fbd-874b-{loc:012d}</prgad:lokalnyId>
\t\t\t\t\t<prgad:przestrzenNazw>PL.PZGIK.200</prgad:przestrzenNazw>
\t\t\t\t\t<prgad:wersjaId>2025-10-14T14:04:04+02:00</prgad:wersjaId>
\t\t\t\t</prgad:AD_IdentyfikatorIIP>
\t\t\t</prgad:idIIP>
\t\t\t<prgad:poczatekWersjiObiektu>2025-10-14T14:04:04</prgad:poczatekWersjiObiektu>
\t\t\t<prgad:nazwa>Miejscowość {loc}</prgad:nazwa>
\t\t\t<prgad:rodzaj>01</prgad:rodzaj>
\t\t\t<prgad:identyfikatorSIMC>{simc:07d}</prgad:identyfikatorSIMC>
\t\t\t<prgad:identyfikatorPRNG />
\t\t\t<prgad:georeferencja>
\t\t\t\t<gml:Point srsName="EPSG:2180" srsDimension="2">
\t\t\t\t\t<gml:pos>238447 516743</gml:pos>
\t\t\t\t</gml:Point>
\t\t\t</prgad:georeferencja>
\t\t\t<prgad:TERYTGminy>{gmina:07d}</prgad:TERYTGminy>
\t\t</prgad:AD_Miejscowosc>
\t</gml:featureMember>
"""
_GML_STREET = """\t<gml:featureMember>
\t\t<prgad:AD_UlicaPlac
\t\t\tgml:id="PL.ZIPIN.4877.EMUiA_75927449-9324-4148-b330-{st:012d}_2025-11-06T15_01_29">
\t\t\t<prgad:idIIP>
\t\t\t\t<prgad:AD_IdentyfikatorIIP>
\t\t\t\t\t<prgad:lokalnyId>db91a69d-01d9-410a-ae73-{st:012d}</prgad:lokalnyId>
\t\t\t\t\t<prgad:przestrzenNazw>PL.PZGIK.200</prgad:przestrzenNazw>
\t\t\t\t\t<prgad:wersjaId>2017-04-13T15:30:04+02:00</prgad:wersjaId>
\t\t\t\t</prgad:AD_IdentyfikatorIIP>
\t\t\t</prgad:idIIP>
\t\t\t<prgad:poczatekWersjiObiektu>2017-04-13T15:30:04</prgad:poczatekWersjiObiektu>
\t\t\t<prgad:geometria>
\t\t\t\t<gml:Curve srsName="EPSG:2180" srsDimension="2">
\t\t\t\t\t<gml:segments>
\t\t\t\t\t\t<gml:LineStringSegment interpolation="linear">
\t\t\t\t\t\t\t<gml:posList>245281.43 522942.51 245284.55 522943.68 245300.37 522958.14
\t\t\t\t\t\t\t\t245283.38 522983.14 245273.42 522980.6</gml:posList>
\t\t\t\t\t\t</gml:LineStringSegment>
\t\t\t\t\t</gml:segments>
\t\t\t\t</gml:Curve>
\t\t\t</prgad:geometria>
\t\t\t<prgad:nazwaPelna>{name}</prgad:nazwaPelna>
\t\t\t<prgad:rodzaj>1</prgad:rodzaj>
\t\t\t<prgad:TERYTNazwa1>{name}</prgad:TERYTNazwa1>
\t\t\t<prgad:identyfikatorULIC>{ulic:05d}</prgad:identyfikatorULIC>
\t\t</prgad:AD_UlicaPlac>
\t</gml:featureMember>
"""
_GML_STREET_LINK = """
\t\t\t<prgad:ulica2
\t\t\t\txlink:href="#PL.ZIPIN.4877.EMUiA_75927449-9324-4148-b330-{st:012d}_2025-11-06T15_01_29" />"""
_GML_POINT = """\t<gml:featureMember>
\t\t<prgad:AD_PunktAdresowy
\t\t\tgml:id="PL.ZIPIN.4877.EMUiA_55fecd0f-80b5-11eb-a401-{i:012d}_2025-11-06T15_02_48_02_00">
\t\t\t<prgad:idIIP>
\t\t\t\t<prgad:AD_IdentyfikatorIIP>
\t\t\t\t\t<prgad:lokalnyId>{uuid}</prgad:lokalnyId>
\t\t\t\t\t<prgad:przestrzenNazw>PL.PZGIK.200</prgad:przestrzenNazw>
\t\t\t\t\t<prgad:wersjaId>2025-11-06T15:02:48+02:00</prgad:wersjaId>
\t\t\t\t</prgad:AD_IdentyfikatorIIP>
\t\t\t</prgad:idIIP>
\t\t\t<prgad:poczatekWersjiObiektu>2025-11-06T15:02:48</prgad:poczatekWersjiObiektu>
\t\t\t<prgad:numerPorzadkowy>{n}</prgad:numerPorzadkowy>
\t\t\t<prgad:georeferencja>
\t\t\t\t<gml:Point srsName="EPSG:2180" srsDimension="2">
\t\t\t\t\t<gml:pos>{x:.2f} {y:.2f}</gml:pos>
\t\t\t\t</gml:Point>
\t\t\t</prgad:georeferencja>
\t\t\t<prgad:kodPocztowy>69-110</prgad:kodPocztowy>
\t\t\t<prgad:dataNadania>2021-03-09</prgad:dataNadania>
\t\t\t<prgad:miejscowosc xlink:href="#PL.ZIPIN.2418.EMUiA_{loc:07d}_2025-10-14T14_04_04_02_00" />{street}
\t\t</prgad:AD_PunktAdresowy>
\t</gml:featureMember>
"""
