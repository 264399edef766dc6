"""Containment chains: "X village of Y district, Z province", "X (Y)", "X in Y", "near X, in Y".

Conflict reports name a small place and then the units that contain it. The chain says where
the small place is even when the gazetteer does not know it, and which of its namesakes is
meant when it does: "Salim village in Hays, Hodeidah" is the Yemeni Salim, not the one in the
West Bank. Resolved from the widest unit down, each name keeps (or is moved to) a reading inside
the unit after it; a name with no reading inside it takes the unit's point, with the unit's
level as its ``precision`` (ACLED's geo_precision), and ``within`` lists the chain above it.
"""

from __future__ import annotations

import re
from typing import Any

from ..model import Location
from .gazetteer import Gazetteer, Place, get_gazetteer, haversine_km, normalize
from .geocode import candidate_ids, precision_of
from .toponyms import Toponym

# What may stand between a name and the unit that contains it.
_JOINT = re.compile(r"^\s*(?:,|\(|of|in|,\s*in|near|of the|in the|,\s*in the|\)?\s*,)\s*(?:the\s+)?$", re.I)
MAX_GAP = 16  # characters between two names of one chain
UNIT_KM = 80.0  # a place "in" a district or a city-named province lies this close to its point
RANK = {"country": 3, "admin1": 2, "admin2": 1}
CHAIN_CONFIDENCE = 0.5  # a name placed at the point of the unit that contains it


def _rank(loc: Location, top: Toponym) -> float | None:
    """How big a unit the name is: village 0 < town 0.5 < district 1 < province 2 < country 3.

    The text's own place noun decides first ("the Al Nadhir area" is a village-sized place
    whatever district shares its name); a bare name takes its reading's level, and a bare town
    can contain a village ("Salim village in Hays").
    """
    feature = top.feature_hint or (loc.feature if loc.lat is not None else None)
    if feature == "region" and loc.lat is not None and loc.feature in ("admin1", "admin2"):
        # "Lashio, northern Shan State": a part of a province still contains the town
        return RANK[loc.feature]
    if feature == "region" and loc.lat is None:
        return 0.0  # "the Pekha valley of Achin district": a small unknown area
    if feature in ("region", "water", "landmark"):
        return None
    if feature in RANK:
        return RANK[feature]
    return 0.0 if top.feature_hint else 0.5


def inside(place: Any, unit: Location) -> bool:
    """Whether ``place`` (a Place or Location) lies in ``unit``."""
    if place.country is None or place.country != unit.country:
        return False
    if unit.feature == "country":
        return True
    same_admin1 = place.admin1 is not None and unit.admin1 is not None and \
        normalize(place.admin1) == normalize(unit.admin1)
    if unit.feature == "admin1":
        return same_admin1 or (place.admin1 is not None and normalize(place.admin1) == normalize(unit.name or ""))
    if not same_admin1:
        return False
    if unit.feature == "city":
        return True  # "Hays, Hodeidah": a city's name stands for its province
    if place.lat is None or unit.lat is None or unit.precision not in (None, "admin2", "place"):
        return True  # a district placed at its province's point: the province decides
    return haversine_km(place.lat, place.lon, unit.lat, unit.lon) <= UNIT_KM


def find_chains(text: str, toponyms: list[Toponym], locations: list[Location]) -> list[list[int]]:
    """Runs of names, each contained in the next (by the text between them and their sizes)."""
    chains: list[list[int]] = []
    i, n = 0, len(toponyms)
    while i < n:
        chain = [i]
        rank = _rank(locations[i], toponyms[i])
        j = i + 1
        while rank is not None and j < n:
            between = text[toponyms[j - 1].end:toponyms[j].start]
            nxt = _rank(locations[j], toponyms[j])
            if len(between) > MAX_GAP or not _JOINT.match(between) or nxt is None or nxt <= rank:
                break
            chain.append(j)
            rank = nxt
            j += 1
        if len(chain) > 1:
            chains.append(chain)
        i = chain[-1] + 1 if len(chain) > 1 else i + 1
    return chains


def _move_to(loc: Location, place: Place) -> None:
    loc.name, loc.country, loc.admin1 = place.name, place.country, place.admin1
    loc.lat, loc.lon, loc.geonameid, loc.feature = place.lat, place.lon, place.geonameid, place.feature
    loc.precision = precision_of(place.feature)


def _place_at(loc: Location, unit: Location, name: str) -> None:
    """An unknown (or misread) name takes the point of the unit that contains it."""
    loc.name = name
    loc.country, loc.admin1 = unit.country, unit.admin1 if unit.feature != "country" else None
    loc.lat, loc.lon, loc.geonameid = unit.lat, unit.lon, None
    # a village placed at the town that contains it is known to the town's area (ACLED's 2)
    level = unit.precision or precision_of(unit.feature)
    loc.precision = "admin2" if level == "place" else level
    loc.confidence = CHAIN_CONFIDENCE


def resolve_chains(text: str, toponyms: list[Toponym], locations: list[Location],
                   gaz: Gazetteer | None = None) -> list[list[int]]:
    """Make each chain consistent (in place); returns the chains as lists of location indices."""
    gaz = gaz or get_gazetteer()
    chains = find_chains(text, toponyms, locations)
    for chain in chains:
        for k in range(len(chain) - 2, -1, -1):
            loc = locations[chain[k]]
            unit = next((locations[c] for c in chain[k + 1:] if locations[c].lat is not None), None)
            if unit is None or loc.feature == "country":
                continue
            loc.within = [locations[c].name or locations[c].text for c in chain[k + 1:]]
            if loc.lat is not None and inside(loc, unit):
                continue
            readings = [gaz.places[p] for p in candidate_ids(gaz, toponyms[chain[k]].name)]
            readings = [p for p in readings if p.lat is not None and p.feature != "country" and inside(p, unit)]
            if readings:
                _move_to(loc, max(readings, key=lambda p: (p.feature == "city", p.population)))
            else:
                feature = loc.feature if loc.lat is None else toponyms[chain[k]].feature_hint
                _place_at(loc, unit, toponyms[chain[k]].name)
                loc.feature = feature or "city"
    return chains


def chain_heads(locations: list[Location]) -> dict[int, int]:
    """Container index -> index of the most specific name of its chain (from ``within``)."""
    heads: dict[int, int] = {}
    for i, loc in enumerate(locations):
        if not loc.within or i in heads:
            continue
        names = set(loc.within)
        for j in range(i + 1, min(len(locations), i + 1 + len(loc.within))):
            if (locations[j].name or locations[j].text) in names:
                heads[j] = heads.get(i, i)
    return heads
