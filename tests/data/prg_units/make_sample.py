"""Write the sample of PRG's administrative units in tests/data/prg_units (README.md there).

Run from the repository's root with the project's Python:

    .venv/bin/python tests/data/prg_units/make_sample.py

The units, their TERYT codes and names are real (TERC, state of 2025-01-01): the
voivodeship lubuskie (08), its powiats nowosolski (0804) and słubicki (0805) and their 13
gminas. Their shapes are not: GUGiK's download could not be reached when the sample was
made, so each powiat is the area within 9 km of its gminas' seats, cut into gminas by the
Voronoi cells of the seats (a town gmina a disc cut out of the rural gmina around it), and
the voivodeship the area within 6 km of both powiats. They nest by construction, share
their edges as PRG's layers do, and lie where the places are (seats' positions rounded).
The files are written as GUGiK publishes them: Shapefiles A01_Granice_wojewodztw,
A02_Granice_powiatow, A03_Granice_gmin in EPSG:2180 with PRG's column set and a .cpg, and
the same units as GUGiK's WFS (MapServer, WFS 2.0, GML 3.2) returns them, in one GML file
with a feature type per level and positions written northing first, as EPSG:2180's axes
are ordered. Running it again writes the same files.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import numpy as np
import shapely
from pyogrio.raw import write
from pyproj import Transformer

HERE = Path(__file__).resolve().parent
CRS = "EPSG:2180"
VALID_FROM = dt.date(2012, 9, 26)
VERSION_FROM = dt.date(2024, 5, 8)

# (code, name as PRG writes it, seat longitude, latitude)
VOIVODESHIP = ("08", "lubuskie")
POWIATS = [("0804", "powiat nowosolski"), ("0805", "powiat słubicki")]
GMINAS = [
    ("0804011", "Nowa Sól", 15.717, 51.803),
    ("0804023", "Bytom Odrzański", 15.823, 51.730),
    ("0804032", "Kolsko", 15.930, 51.930),
    ("0804043", "Kożuchów", 15.600, 51.745),
    ("0804052", "Nowa Sól", 15.640, 51.805),
    ("0804063", "Nowe Miasteczko", 15.731, 51.690),
    ("0804073", "Otyń", 15.708, 51.860),
    ("0804082", "Siedlisko", 15.800, 51.765),
    ("0805013", "Cybinka", 14.797, 52.194),
    ("0805022", "Górzyca", 14.639, 52.495),
    ("0805033", "Ośno Lubuskie", 14.872, 52.453),
    ("0805043", "Rzepin", 14.833, 52.347),
    ("0805053", "Słubice", 14.560, 52.350),
]
# A town gmina drawn as a disc around its seat (metres), cut out of the cells around it.
TOWN_RADIUS = {"0804011": 2_650.0}

# PRG's columns of A01-A03 as GUGiK's 2024 download has them, in its order.
COLUMNS = [
    "JPT_SJR_KO", "JPT_POWIER", "JPT_KOD_JE", "JPT_NAZWA_", "JPT_ORGAN_", "JPT_JOR_ID",
    "WERSJA_OD", "WERSJA_DO", "WAZNY_OD", "WAZNY_DO", "JPT_KOD__1", "JPT_NAZWA1",
    "JPT_ORGAN1", "JPT_WAZNA_", "ID_BUFORA_", "ID_BUFORA1", "ID_TECHNIC", "IIP_PRZEST",
    "IIP_IDENTY", "IIP_WERSJA", "JPT_KJ_IIP", "JPT_KJ_I_1", "JPT_KJ_I_2", "JPT_OPIS",
    "JPT_SPS_KO", "ID_BUFOR_1", "JPT_ID", "JPT_POWI_1", "JPT_KJ_I_3", "JPT_GEOMET",
    "JPT_GEOM_1", "Shape_Leng", "Shape_Area", "REGON", "RODZAJ",
]
DATES = {"WERSJA_OD", "WERSJA_DO", "WAZNY_OD", "WAZNY_DO"}
NUMBERS = {"JPT_POWIER", "JPT_JOR_ID", "ID_BUFORA_", "ID_BUFORA1", "ID_TECHNIC", "ID_BUFOR_1",
           "JPT_ID", "JPT_POWI_1", "JPT_GEOMET", "JPT_GEOM_1", "Shape_Leng", "Shape_Area"}
LAYERS = {
    "A01_Granice_wojewodztw": ("WOJ", "województwo"),
    "A02_Granice_powiatow": ("POW", "powiat"),
    "A03_Granice_gmin": ("GMI", "gmina"),
}


def shapes() -> dict[str, shapely.Geometry]:
    to_metric = Transformer.from_crs("EPSG:4326", CRS, always_xy=True)
    seats = {code: shapely.Point(*to_metric.transform(lon, lat))
             for code, _, lon, lat in GMINAS}
    units: dict[str, shapely.Geometry] = {}
    for powiat, _ in POWIATS:
        mine = {c: p for c, p in seats.items() if c.startswith(powiat)}
        outline = shapely.convex_hull(shapely.MultiPoint(list(mine.values()))).buffer(
            9_000, quad_segs=4)
        towns = {c: mine[c].buffer(r, quad_segs=6) for c, r in TOWN_RADIUS.items() if c in mine}
        others = [c for c in mine if c not in towns]
        cells = shapely.get_parts(shapely.voronoi_polygons(
            shapely.MultiPoint([mine[c] for c in others]), extend_to=outline))
        for code in others:
            cell = next(c for c in cells if c.contains(mine[code]))
            units[code] = shapely.difference(
                shapely.intersection(cell, outline), shapely.union_all(list(towns.values())))
        units |= {c: shapely.intersection(t, outline) for c, t in towns.items()}
        units[powiat] = outline
    units[VOIVODESHIP[0]] = shapely.union_all([units[p] for p, _ in POWIATS]).convex_hull.buffer(
        6_000, quad_segs=4)
    return {code: shapely.set_precision(g, 0.01) for code, g in units.items()}


def records(layer: str, geometries: dict[str, shapely.Geometry]) -> list[dict[str, object]]:
    kind, rodzaj = LAYERS[layer]
    named = {"A01_Granice_wojewodztw": [VOIVODESHIP], "A02_Granice_powiatow": POWIATS,
             "A03_Granice_gmin": [(c, n) for c, n, _, _ in GMINAS]}[layer]
    rows = []
    for number, (code, name) in enumerate(named, start=1):
        geometry = geometries[code]
        ident = 10_000_000 + int(code.ljust(7, "0")) % 1_000_000 * 10 + number
        rows.append({
            "JPT_SJR_KO": kind, "JPT_POWIER": round(geometry.area / 10_000),
            "JPT_KOD_JE": code, "JPT_NAZWA_": name, "JPT_ORGAN_": "", "JPT_JOR_ID": 0,
            "WERSJA_OD": VERSION_FROM, "WERSJA_DO": None, "WAZNY_OD": VALID_FROM,
            "WAZNY_DO": None, "JPT_KOD__1": "", "JPT_NAZWA1": "", "JPT_ORGAN1": "NZN",
            "JPT_WAZNA_": "NZN", "ID_BUFORA_": 0, "ID_BUFORA1": 0, "ID_TECHNIC": ident,
            "IIP_PRZEST": "PL.PZGIK.200",
            "IIP_IDENTY": str(uuid.uuid5(uuid.NAMESPACE_URL, f"prg-sample/{code}")),
            "IIP_WERSJA": "2024-05-08T10:12:41+02:00", "JPT_KJ_IIP": "EGIB",
            "JPT_KJ_I_1": code, "JPT_KJ_I_2": "", "JPT_OPIS": "", "JPT_SPS_KO": "UZG",
            "ID_BUFOR_1": 0, "JPT_ID": ident, "JPT_POWI_1": 0, "JPT_KJ_I_3": "",
            "JPT_GEOMET": 0, "JPT_GEOM_1": 0, "Shape_Leng": round(geometry.length, 4),
            "Shape_Area": round(geometry.area, 4), "REGON": "", "RODZAJ": rodzaj,
            "geometry": geometry,
        })
    return rows


def write_shapefile(layer: str, rows: list[dict[str, object]]) -> None:
    arrays = []
    for column in COLUMNS:
        values = [row[column] for row in rows]
        if column in DATES:
            arrays.append(np.array([np.datetime64(v) if v else np.datetime64("NaT")
                                    for v in values], dtype="datetime64[D]"))
        elif column in NUMBERS:
            arrays.append(np.array(values, dtype=float if column.startswith("Shape")
                                   else np.int64))
        else:
            arrays.append(np.array(values, dtype=object))
    geometries = np.array([row["geometry"] for row in rows], dtype=object)
    for old in HERE.glob(f"{layer}.*"):
        old.unlink()
    write(HERE / f"{layer}.shp", shapely.to_wkb(geometries), arrays, COLUMNS,
          geometry_type="Polygon", crs=CRS, encoding="UTF-8")


def gml_value(column: str, value: object) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).replace("&", "&amp;").replace("<", "&lt;")


def gml_ring(ring: shapely.LinearRing) -> str:
    # EPSG:2180 orders its axes northing (x) then easting (y): GML follows the CRS.
    return " ".join(f"{y:.2f} {x:.2f}" for x, y in ring.coords)


def write_gml(tables: dict[str, list[dict[str, object]]]) -> None:
    members = []
    for layer, rows in tables.items():
        for row in rows:
            geometry = row["geometry"]
            assert isinstance(geometry, shapely.Polygon)
            fid = f"{layer}.{row['JPT_ID']}"
            interiors = "".join(
                f"<gml:interior><gml:LinearRing><gml:posList srsDimension=\"2\">{gml_ring(r)}"
                "</gml:posList></gml:LinearRing></gml:interior>" for r in geometry.interiors)
            x0, y0, x1, y1 = geometry.bounds
            exterior = gml_ring(geometry.exterior)
            fields = "\n".join(f"      <ms:{c}>{gml_value(c, row[c])}</ms:{c}>"
                               for c in COLUMNS if gml_value(c, row[c]))
            members.append(f"""  <wfs:member>
    <ms:{layer} gml:id="{fid}">
      <gml:boundedBy>
        <gml:Envelope srsName="urn:ogc:def:crs:EPSG::2180">
          <gml:lowerCorner>{y0:.2f} {x0:.2f}</gml:lowerCorner>
          <gml:upperCorner>{y1:.2f} {x1:.2f}</gml:upperCorner>
        </gml:Envelope>
      </gml:boundedBy>
      <ms:msGeometry>
        <gml:Polygon gml:id="{fid}.1" srsName="urn:ogc:def:crs:EPSG::2180">
          <gml:exterior><gml:LinearRing><gml:posList srsDimension="2">{exterior}\
</gml:posList></gml:LinearRing></gml:exterior>{interiors}
        </gml:Polygon>
      </ms:msGeometry>
{fields}
    </ms:{layer}>
  </wfs:member>""")
    count = len(members)
    (HERE / "prg_units_wfs.gml").write_text(f"""<?xml version='1.0' encoding="UTF-8" ?>
<wfs:FeatureCollection
   xmlns:ms="http://mapserver.gis.umn.edu/mapserver"
   xmlns:gml="http://www.opengis.net/gml/3.2"
   xmlns:wfs="http://www.opengis.net/wfs/2.0"
   xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
   timeStamp="2025-11-18T12:00:00" numberMatched="{count}" numberReturned="{count}">
{chr(10).join(members)}
</wfs:FeatureCollection>
""", encoding="utf-8")


def main() -> None:
    geometries = shapes()
    tables = {layer: records(layer, geometries) for layer in LAYERS}
    for layer, rows in tables.items():
        write_shapefile(layer, rows)
    write_gml(tables)


if __name__ == "__main__":
    main()
