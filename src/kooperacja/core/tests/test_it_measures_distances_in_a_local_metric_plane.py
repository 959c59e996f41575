"""The metric plane follows the territory: straight lines in it equal geodesic distances."""

from __future__ import annotations

import numpy as np
import pytest
from pyproj import Geod

from kooperacja.core.metric import check_metric_crs, choose_metric_crs, to_metric, to_wgs84

GEOD = Geod(ellps="WGS84")


def _plane_and_geodesic(bounds, lon1, lat1, lon2, lat2):
    crs = choose_metric_crs(bounds)
    a, b = to_metric(np.array([lon1, lon2]), np.array([lat1, lat2]), crs)
    return crs, float(np.hypot(*(a - b))), GEOD.inv(lon1, lat1, lon2, lat2)[2]


def test_it_keeps_puwg_1992_for_a_polish_city():
    # Wrocław's extent.
    assert choose_metric_crs((16.80, 51.04, 17.18, 51.21)) == "EPSG:2180"


def test_it_takes_the_etrs89_utm_zone_near_lisbon_where_puwg_1992_is_7_percent_long():
    bounds = (-9.23, 38.69, -9.09, 38.80)
    crs, plane, geodesic = _plane_and_geodesic(bounds, -9.2, 38.70, -9.1, 38.79)
    assert crs == "EPSG:25829"  # ETRS89 / UTM zone 29N
    assert plane == pytest.approx(geodesic, rel=0.001)
    puwg = to_metric(np.array([-9.2, -9.1]), np.array([38.70, 38.79]), "EPSG:2180")
    assert float(np.hypot(*(puwg[0] - puwg[1]))) / geodesic > 1.05


def test_it_takes_the_wgs84_utm_zone_outside_europe_and_south_of_the_equator():
    crs, plane, geodesic = _plane_and_geodesic((151.0, -34.0, 151.3, -33.7),
                                               151.0, -34.0, 151.3, -33.7)
    assert crs == "EPSG:32756"  # WGS 84 / UTM zone 56S, Sydney
    assert plane == pytest.approx(geodesic, rel=0.01)


def test_it_centres_an_equal_area_plane_on_an_extent_wider_than_a_zone():
    bounds = (-10.0, 36.0, 10.0, 44.0)  # Iberia to the Alps
    crs, plane, geodesic = _plane_and_geodesic(bounds, -9.0, 38.7, -3.7, 40.4)  # Lisbon–Madrid
    assert crs.startswith("+proj=laea") and "+lon_0=0.0000" in crs and "+lat_0=40.0000" in crs
    assert plane == pytest.approx(geodesic, rel=0.01)


def test_it_goes_back_to_longitude_and_latitude():
    lon, lat = to_wgs84(to_metric(np.array([10.75]), np.array([59.91]), "EPSG:25832"),
                        "EPSG:25832")
    assert (lon[0], lat[0]) == pytest.approx((10.75, 59.91), abs=1e-9)


@pytest.mark.parametrize("text", ["EPSG:4326", "EPSG:999999", "nonsense"])
def test_it_refuses_a_plane_not_in_metres(text):
    with pytest.raises(ValueError):
        check_metric_crs(text)


def test_it_accepts_a_projected_plane_in_metres():
    assert check_metric_crs(" EPSG:3763 ") == "EPSG:3763"
