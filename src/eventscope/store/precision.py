"""How exact a stored place is: the levels of ``Location.precision`` as the store uses them.

Why here: the filters check a requested level against the vocabulary, the migration to schema 3
derives the level of places stored before it existed, and the GDELT and ACLED exports map it to
their own codes. All of that reads one data file (``data/precision.yaml``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..common.data import read_data_yaml


@lru_cache(maxsize=1)
def precision_config() -> dict[str, Any]:
    """``data/precision.yaml``: the levels, the legacy feature → level table, GDELT geo types."""
    return read_data_yaml("eventscope.store", "precision.yaml")


def precision_levels() -> tuple[str, ...]:
    """The precision levels, most exact first (``place``, ``admin2``, ``admin1``, ...)."""
    return tuple(precision_config()["levels"])


def legacy_precision_sql(feature: str, geonameid: str, lat: str) -> tuple[str, list[str]]:
    """SQL expression (and its parameters) giving the precision of a place stored before schema 3.

    A unit (country, province, district, region, sea) has its own level; a town or village is a
    ``place`` when it is a gazetteer entry (it has a geonameid); anything else, and a place with
    no point, is unknown (NULL): it may have been put at the point of a unit around it.

    Args:
        feature / geonameid / lat (str): the column names (fixed text, never user input).
    """
    table = precision_config()["feature_precision"]
    whens = " ".join(f"WHEN {feature} = ? THEN ?" for _ in table)
    params = [value for pair in table.items() for value in pair]
    sql = (f"CASE WHEN {lat} IS NULL THEN NULL {whens} "
           f"WHEN {geonameid} IS NOT NULL THEN 'place' ELSE NULL END")
    return sql, params
