from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from kooperacja.democity import Manifest

from .layers import read_layer


def test_it_nests_every_estate_in_the_district_it_names(city_dir: Path) -> None:
    meta_d, districts, (d_code, _) = read_layer(city_dir / "districts.gpkg")
    meta_e, estates, (e_code, _, parent) = read_layer(city_dir / "estates.shp")
    assert meta_d["crs"] == meta_e["crs"] == "EPSG:2180"
    by_code = dict(zip(d_code, districts))
    for code, estate, district in zip(e_code, estates, parent):
        assert by_code[district].buffer(0.05).contains(estate), code
    union = shapely.union_all(estates)
    for code, district in by_code.items():
        members = estates[parent == code]
        assert abs(shapely.union_all(members).area - district.area) < 1.0, code
    assert abs(union.area - shapely.union_all(districts).area) < 1.0


def test_it_writes_valid_single_part_units(city_dir: Path) -> None:
    for name in ("districts.gpkg", "estates.shp"):
        _, geometries, _ = read_layer(city_dir / name)
        assert shapely.is_valid(geometries).all()
        assert (shapely.get_num_geometries(geometries) == 1).all()


def test_it_places_every_address_point_inside_the_city_and_one_estate(
    city_dir: Path, addresses: pd.DataFrame
) -> None:
    _, estates, _ = read_layer(city_dir / "estates.shp")
    _, (boundary,), _ = read_layer(city_dir / "city.geojson")
    x = addresses["x_epsg_2180"].astype(float).to_numpy()
    y = addresses["y_epsg_2180"].astype(float).to_numpy()
    inside = np.column_stack([shapely.contains_xy(e, x, y) for e in estates])
    assert (inside.sum(axis=1) == 1).all()
    lon = addresses["dlugosc_geograficzna"].astype(float).to_numpy()
    lat = addresses["szerokosc_geograficzna"].astype(float).to_numpy()
    assert shapely.contains_xy(boundary, lon, lat).all()


def test_it_writes_the_boundary_in_wgs84_where_epsg_2180_puts_it(
    city_dir: Path, manifest: Manifest
) -> None:
    from pyproj import Transformer

    meta, (boundary,), (code, name) = read_layer(city_dir / "city.geojson")
    assert meta["crs"] == "EPSG:4326"
    assert (code[0], name[0]) == (manifest.city["teryt_gmina"], "Hutnów")
    to_2180 = Transformer.from_crs("EPSG:4326", "EPSG:2180", always_xy=True)
    x, y = to_2180.transform(*boundary.centroid.coords[0])
    assert (
        abs(x - manifest.city["centre"]["x"]) < 1500
        and abs(y - manifest.city["centre"]["y"]) < 1500
    )
    assert 14 < boundary.centroid.x < 24 and 49 < boundary.centroid.y < 55


def test_it_puts_lonlat_and_epsg_2180_of_a_point_in_the_same_place(addresses: pd.DataFrame) -> None:
    from pyproj import Transformer

    to_wgs = Transformer.from_crs("EPSG:2180", "EPSG:4326", always_xy=True)
    sample = addresses.iloc[::997]
    lon, lat = to_wgs.transform(
        sample["x_epsg_2180"].astype(float), sample["y_epsg_2180"].astype(float)
    )
    assert np.allclose(lon, sample["dlugosc_geograficzna"].astype(float), atol=1e-6)
    assert np.allclose(lat, sample["szerokosc_geograficzna"].astype(float), atol=1e-6)
