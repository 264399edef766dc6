"""The document focus: which country (and province) the story is about, with a confidence.

Why: the long tail of place names is ambiguous ("Salim" is a village in Yemen and in
Palestine) and many events name no place at all; the story itself says where it is. The focus
is a prior for the geocoder, for the actors stage ("government forces" in a Syria story are
Syrian) and the last resort of the event-location rules (flagged as inferred).

Evidence, each adding weight to a country:

* the dateline place ("SANAA, Yemen —"): where the story was filed, usually where it happened;
* every geocoded toponym, more in the lead than in the body (news puts the main place first),
  less when the geocoder was unsure of it; a sub-national place also votes for its province;
* nationality words ("Yemeni", "Afghan"), less than a place;
* a country named as a neighbour, origin or destination ("on the border with Brazil", "crossed
  from Burundi": ``geo.relations``) votes little: the story is beside it, not in it.

The confidence is the winner's share of all the weight, lowered when there is little evidence,
so a story about talks between three countries gets a low one.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from ..model import Actor, DocumentFocus, Location, Sentence

W_DATELINE = 3.0
W_PLACE = 1.0
W_DEMONYM = 0.5
LEAD_FACTOR = 2.0  # the first sentence (headline or lead)
NEAR_LEAD_FACTOR = 1.5  # the next two sentences
BEYOND_FACTOR = 0.25  # a country in a border or movement relation
REGION_FACTOR = 0.5  # "northern Iraq", curated regions: a vaguer vote
MIN_EVIDENCE = 2.0  # below this total weight the confidence is scaled down
ADMIN1_MIN_SHARE = 0.5  # a province is the focus's province when it has this share of its country's places
MAX_CANDIDATES = 5


def _position_factor(offset: int | None, sentences: list[Sentence]) -> float:
    if offset is None or not sentences:
        return 1.0
    for k, sent in enumerate(sentences[:3]):
        if offset < sent.end:
            return LEAD_FACTOR if k == 0 else NEAR_LEAD_FACTOR
    return 1.0


def compute_focus(locations: list[Location], sentences: list[Sentence] | None = None,
                  dateline: Location | None = None,
                  demonyms: Iterable[tuple[str, int]] = (),
                  beyond: Iterable[Location] = ()) -> DocumentFocus:
    """The document's focus from its geocoded places, dateline and nationality words.

    Args:
        locations (list[Location]): the document's toponyms, geocoded (``adoc.locations``).
        sentences (list[Sentence]): the document's sentences (for lead weighting).
        dateline (Location | None): the dateline place, when the story has one.
        demonyms (Iterable[tuple[str, int]]): (ISO3, offset) of each nationality word.
        beyond (Iterable[Location]): the country mentions in a border or movement relation.
    RETURNS (DocumentFocus): country None with confidence 0 when nothing points anywhere.
    """
    sentences = sentences or []
    weights: dict[str, float] = defaultdict(float)
    admin1: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    evidence: list[str] = []
    if dateline is not None and dateline.country:
        weights[dateline.country] += W_DATELINE
        evidence.append("dateline")
    placed = False
    aside = {id(loc) for loc in beyond}
    for loc in locations:
        if not loc.country or loc is dateline:
            continue
        w = W_PLACE * _position_factor(loc.start, sentences) * (0.5 + 0.5 * min(1.0, loc.confidence))
        if loc.feature in ("region", "water"):
            w *= REGION_FACTOR
        if id(loc) in aside:
            w *= BEYOND_FACTOR
        weights[loc.country] += w
        placed = True
        if loc.admin1 and loc.feature not in ("country", "region", "water"):
            admin1[loc.country][loc.admin1] += w
    if placed:
        evidence.append("toponyms")
    named = False
    for iso3, offset in demonyms:
        weights[iso3] += W_DEMONYM * _position_factor(offset, sentences)
        named = True
    if named:
        evidence.append("demonyms")
    if not weights:
        return DocumentFocus()
    total = sum(weights.values())
    ranked = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))
    country, top = ranked[0]
    confidence = (top / total) * min(1.0, total / MIN_EVIDENCE)
    if len(ranked) > 1 and ranked[1][1] == top:
        confidence = min(confidence, 0.5)  # a tie: the surest reading, then the first mentioned, wins, but barely
        first = _first_mentioned(_surest_readings(locations), {c for c, w in ranked if w == top})
        if first:
            country = first
    province = None
    units = admin1.get(country)
    if units:
        name, w = max(units.items(), key=lambda kv: (kv[1], kv[0]))
        if w >= ADMIN1_MIN_SHARE * sum(units.values()):
            province = name
    return DocumentFocus(
        country=country, admin1=province, confidence=round(confidence, 3),
        countries=[(c, round(w / total, 3)) for c, w in ranked[:MAX_CANDIDATES]],
        evidence=evidence,
    )


# The focus read from actors alone: just enough for the inferred country fallback, never more.
ACTOR_FOCUS_CONFIDENCE = 0.5


def focus_from_actors(actors: Iterable[Actor], home_sectors: Iterable[str] = ()) -> DocumentFocus:
    """The story's country when no place, dateline or nationality word names one, from its
    actors: "Al-Shabaab fighters overran a military base" is a Somali story.

    Why: an armed group, a police force or a government acts at home far more often than not,
    so a note naming only such actors is placed in their country (precision ``country``, flagged
    inferred by ``geo.stage.focus_location``). Only actors of those sectors (``home_sectors``)
    count: armed forces often act abroad, and the country of civilians or of a name without a
    sector is often read from the story's places, not the name; actors of two countries give no
    focus (precision first).
    """
    home = set(home_sectors)
    countries = {a.country for a in actors if a.country and len(a.country) == 3 and a.country.isupper()
                 and a.sector in home}
    if len(countries) != 1:
        return DocumentFocus()
    country = countries.pop()
    return DocumentFocus(country=country, confidence=ACTOR_FOCUS_CONFIDENCE, countries=[(country, 1.0)],
                         evidence=["actors"])


UNIT_LEVELS = ("country", "admin1", "admin2")


def _surest_readings(locations: list[Location]) -> list[Location]:
    """The places read as units (a country, province or district) when there are any.

    Why: in a tie, "Mambasa territory" (a district by that name) is surer evidence of the
    story's country than "the village of Mangusu", which only a small namesake abroad explains.
    """
    units = [loc for loc in locations if loc.feature in UNIT_LEVELS and loc.country]
    return units or locations


def _first_mentioned(locations: list[Location], countries: set[str]) -> str | None:
    for loc in sorted((l for l in locations if l.start is not None), key=lambda l: l.start):
        if loc.country in countries:
            return loc.country
    return None
