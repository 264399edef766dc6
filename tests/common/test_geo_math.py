"""Great-circle distance (``common/geo_math.py``)."""

from __future__ import annotations

import pytest

from eventscope.common.geo_math import haversine_km


def test_one_degree_of_longitude_on_the_equator():
    assert haversine_km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.5)


def test_same_point_and_known_city_distance():
    assert haversine_km(33.34, 44.4, 33.34, 44.4) == 0
    # Kyiv to Lviv is about 470 km.
    assert 450 < haversine_km(50.45, 30.52, 49.84, 24.03) < 490


def test_antipodes_do_not_overflow():
    assert haversine_km(0, 0, 0, 180) == pytest.approx(20015, abs=5)
