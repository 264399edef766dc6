"""The ``places`` stage: every toponym geocoded (``adoc.locations``) and the document focus.

It runs right after ``nlp`` so that the stages after it (actors first) can read where the story
is. It knows nothing of actors or events: its evidence is the text's own place names, dateline
and nationality words. ``geo`` (after ``events``) then places each event.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Iterator

from ..model import AnalyzedDocument, DocumentFocus, Location
from ..registry import BaseStage, stage
from .chains import _move_to, resolve_chains
from .focus import compute_focus
from .gazetteer import get_gazetteer, load_lexicon
from .geocode import geocode, toponym_ids
from .relations import beyond_countries
from ..common.dateline import dateline_place
from .toponyms import Toponym, find_toponyms
from ..nlp.tokens import doc_text


FOCUS_PRIOR_MIN_CONFIDENCE = 0.6
FOCUS_PRIOR_MAX_POPULATION = 100_000  # a namesake abroad this big stays (Sydney is not moved to Nova Scotia)


def demonym_countries(doc: Any, toponyms: Iterable[Toponym] = ()) -> list[tuple[str, int]]:
    """(ISO3, offset) of every nationality word: those spaCy tags NORP ("Yemeni", "Afghans"),
    and capitalised ones it leaves untagged or tags as something else ("Somali police",
    "Sierra Leonean police" read as an organisation and a person).

    Why: in a note whose only place word is a nationality, the small model's tag decides
    whether the story has a country at all; the word itself is the evidence. A word inside a
    place name ("Somali Region", "Indian Ocean": a toponym or a GPE/LOC/FAC entity) is no
    nationality, nor is one inside an organisation's name ("Congolese Ministry of Health": which
    Congo is the actors stage's question), nor one naming an envoy abroad ("the French ambassador").
    """
    gaz = get_gazetteer()
    out: list[tuple[str, int]] = []
    taken: list[tuple[int, int]] = [(t.start, t.end) for t in toponyms]
    names: list[tuple[int, int]] = []  # organisations: "Congolese Ministry of Health" is the actors' evidence
    abroad = frozenset(load_lexicon()["abroad_nouns"])
    for ent in doc.ents:
        if ent.label_ == "NORP" and ent.root.head.lower_ in abroad and ent.root.dep_ in ("amod", "compound", "nmod"):
            taken.append((ent.start_char, ent.end_char))  # "the French ambassador" serves abroad
            continue
        if ent.label_ == "NORP":
            key = ent.text.lower()
            iso3 = gaz.demonyms.get(key) or gaz.demonyms.get(key.rstrip("s"))
            if iso3:
                out.append((iso3, ent.start_char))
        if ent.label_ in ("NORP", "GPE", "LOC", "FAC"):
            taken.append((ent.start_char, ent.end_char))
        elif ent.label_ == "ORG":
            names.append((ent.start_char, ent.end_char))
    # One pass over the tokens for what the scan reads (a Span per token and width cost more
    # than the rest of the places stage); a stretch's text is its words joined by their spaces,
    # as ``Span.text`` gives it.
    words: list[str] = []
    spaces: list[str] = []
    starts: list[int] = []
    capital: list[bool] = []
    for t in doc:
        word = t.text
        words.append(word)
        spaces.append(t.whitespace_)
        starts.append(t.idx)
        capital.append(t.is_alpha and word[:1].isupper())
    n = len(words)
    k = 0
    while k < n:
        found = None
        for width in range(DEMONYM_MAX_WORDS, 0, -1):
            last = k + width - 1
            if last >= n or not all(capital[k:last + 1]):
                continue
            key = "".join(words[j] + spaces[j] for j in range(k, last)) + words[last]
            key = key.lower()
            iso3 = gaz.demonyms.get(key) or gaz.demonyms.get(key.rstrip("s"))
            start, end = starts[k], starts[last] + len(words[last])
            if iso3 and not any(start < e and s < end for s, e in taken) and \
                    not any(s <= start and end <= e for s, e in names):
                found = (iso3, start, width)
                break
        if found is None:
            k += 1
            continue
        out.append(found[:2])
        k += found[2]
    out.sort(key=lambda pair: pair[1])
    return out


DEMONYM_MAX_WORDS = 2  # "Sierra Leonean", "South Sudanese"


def actor_countries(adoc: AnalyzedDocument, toponyms: list[Toponym]) -> list[str]:
    """ISO3 codes of the document's actors, when an actors stage ran before (each counts once).

    Actors named only by a place name ("Prague" resolved as a state actor) are left out: their
    country is the geocoder's guess to make, not evidence for it.
    """
    spans = [(t.start, t.end) for t in toponyms]

    def place_named(actor: Any) -> bool:
        return bool(actor.mentions) and all(
            any(s <= m.start and m.end <= e for s, e in spans) for m in actor.mentions)

    return sorted({a.country for a in adoc.actors
                   if a.country and len(a.country) == 3 and a.country.isupper() and not place_named(a)})


def locate_places(adoc: AnalyzedDocument, fuzzy: bool = True
                  ) -> tuple[list[Toponym], list[Location], list[tuple[str, int]]]:
    """Find and geocode every toponym of a parsed document; returns toponyms, locations and the
    nationality words read on the way (``demonym_countries``: the focus reads them again).

    Three steps: each name geocoded with the document's countries as context; containment
    chains made consistent ("X village of Y district, Z"); then, under a confident focus, a
    small place read in another country moves to a namesake in the focus country, or, with none
    there, becomes an unknown place of the focus country (the focus judged without such names).
    """
    doc = adoc.spacy_doc
    text = doc_text(doc)
    toponyms = join_conjoined_unit_names(text, find_toponyms(doc))
    name_facilities_by_town(toponyms)
    demonyms = demonym_countries(doc, toponyms)
    context = actor_countries(adoc, toponyms) + [iso for iso, _ in demonyms]
    located = geocode(toponyms, text, context, fuzzy=fuzzy)
    resolve_chains(text, toponyms, located)
    containers_in_head_country(toponyms, located)
    hold_named_countries(text, toponyms, located)
    dateline = _dateline_location(text, located)
    beyond = _beyond(text, located)
    focus = compute_focus(located, adoc.sentences, dateline, demonyms, beyond)
    prefer_focus_country(toponyms, located, focus)
    if focus.country is not None:
        # the doubtful namesakes abroad must not vote against the story's country themselves
        gaz = get_gazetteer()
        sure = [loc for top, loc in zip(toponyms, located) if not _small_namesake_abroad(gaz, top, loc, focus.country)]
        if len(sure) < len(located):
            refocus = compute_focus(sure, adoc.sentences, dateline, demonyms, beyond)
            if refocus.country == focus.country:
                keep_small_places_home(toponyms, located, refocus, context)
    return toponyms, located, demonyms


JOINED_FEATURES = ("country", "admin1", "admin2")


def join_conjoined_unit_names(text: str, toponyms: list[Toponym]) -> list[Toponym]:
    """"Sistan and Baluchestan province": two names joined by "and" that the gazetteer knows as
    one country, province or district are that one unit, written with the joining word of its
    own language ("va", "y", "et") or a hyphen.

    Why: read apart, each half is an unknown name or a smaller namesake, and the note loses
    its only place.
    """
    gaz = get_gazetteer()
    joiners = load_lexicon()["name_conjunctions"]
    out: list[Toponym] = []
    k = 0
    while k < len(toponyms):
        top = toponyms[k]
        nxt = toponyms[k + 1] if k + 1 < len(toponyms) else None
        if nxt is not None and text[top.end:nxt.start] == " and ":
            for joiner in joiners:
                name = f"{top.name}{joiner}{nxt.name}" if joiner == "-" else f"{top.name} {joiner} {nxt.name}"
                if any(gaz.places[i].feature in JOINED_FEATURES for i in gaz.candidate_ids(name)):
                    out.append(Toponym(top.start, nxt.end, text[top.start:nxt.end], name,
                                       feature_hint=nxt.feature_hint, label=nxt.label,
                                       token_start=top.token_start, token_end=nxt.token_end))
                    k += 2
                    break
            else:
                out.append(top)
                k += 1
            continue
        out.append(top)
        k += 1
    return out


def name_facilities_by_town(toponyms: list[Toponym]) -> None:
    """"Juliaca airport", "Muyuka plantations": a facility the gazetteer lacks is looked up by the
    town it is named after (the text's span stays whole).

    Why: a facility stands at or next to its town; without the noun the name is an ordinary
    town name, which the gazetteer and the chains can place, instead of an unknown name.
    """
    gaz = get_gazetteer()
    nouns = sorted(load_lexicon()["facility_nouns"], key=len, reverse=True)
    for top in toponyms:
        low = top.name.lower()
        noun = next((n for n in nouns if low.endswith(" " + n)), None)
        if noun is None or gaz.candidate_ids(top.name):
            continue
        bare = top.name[: -len(noun) - 1].strip()
        if bare and any(gaz.places[i].feature in ("city", "admin2") for i in gaz.candidate_ids(bare)):
            top.name = bare


UNIT_ORDER = {"admin1": 0, "admin2": 1, "city": 2}


def containers_in_head_country(toponyms: list[Toponym], locations: list[Location]) -> None:
    """"Juliaca airport, Puno": the unit a placed name was read inside lies in that name's country.

    Why: the chain placed the small name by its container's reading in one country, while the
    container alone took a bigger namesake elsewhere (Pune, India); a container never contradicts
    the place it contains. The container moves to its reading in that country, a unit first.
    """
    gaz = get_gazetteer()
    for i, loc in enumerate(locations):
        if not loc.within or loc.lat is None or loc.country is None:
            continue
        for j in range(i + 1, min(len(locations), i + 1 + len(loc.within))):
            other, top = locations[j], toponyms[j]
            if other.country == loc.country or other.feature not in UNIT_ORDER or \
                    not ({top.name, other.text, other.name} & set(loc.within)):
                continue
            home = [gaz.places[k] for k in toponym_ids(gaz, top) if gaz.places[k].country == loc.country
                    and gaz.places[k].lat is not None and gaz.places[k].feature in UNIT_ORDER]
            if home:
                _move_to(other, min(home, key=lambda p: (UNIT_ORDER[p.feature], -p.population)))


def _modifies_a_name(text: str, loc: Location) -> bool:
    """"U.S. Virgin Islands", "Kenya Airways": a country word that opens a longer proper name."""
    return loc.end is not None and re.match(r"\s+[A-Z]", text[loc.end:loc.end + 3]) is not None


def hold_named_countries(text: str, toponyms: list[Toponym], locations: list[Location]) -> None:
    """A place never contradicts the country the text names: it moves to its reading there.

    Why: "Vert" read as Weert (Netherlands) in a note that says "Haiti", "Salim" read in
    Palestine in a note that says "Yemen": a note that names a country places its towns in it
    far more often than it leaves it for a lone small town abroad. Only for towns, districts
    and provinces that no chain placed and no other name of the text puts in their country; a
    name with no reading in the named country keeps its reading unless it is a small uncurated
    namesake and one country is named, when it becomes that country's place at precision
    ``country`` (flagged inferred): the right country at a coarse point beats a wrong one. A
    country named as a neighbour, origin or destination ("on the border with Brazil", "crossed
    from Burundi") holds nothing: the note's towns are on the other side of it.
    """
    beyond = beyond_countries(text, locations)
    named = {loc.country for k, loc in enumerate(locations) if loc.feature == "country" and loc.country
             and loc.lat is not None and not _modifies_a_name(text, loc) and k not in beyond}
    if not named:
        return
    gaz = get_gazetteer()
    for k, (top, loc) in enumerate(zip(toponyms, locations)):
        if loc.lat is None or loc.country is None or loc.country in named or loc.within or \
                loc.feature not in ("city", "admin2", "admin1"):
            continue
        if any(other.country == loc.country for j, other in enumerate(locations) if j != k):
            continue  # a second name there: the story does go abroad
        ids = toponym_ids(gaz, top)
        if any(gaz.places[i].curated or gaz.places[i].population >= FOCUS_PRIOR_MAX_POPULATION
               for i in ids if gaz.places[i].country not in named):
            continue  # Cairo or England named in an American story are where they are
        home = [gaz.places[i] for i in ids if gaz.places[i].country in named and gaz.places[i].lat is not None
                and gaz.places[i].feature in UNIT_ORDER]
        if home:
            _move_to(loc, max(home, key=lambda p: (p.feature == "city", p.population)))
            continue
        if len(named) != 1:
            continue
        country = gaz.countries.get(next(iter(named)))
        if country is None or country.lat is None:
            continue
        loc.name, loc.country, loc.admin1 = top.name, country.country, None
        loc.lat, loc.lon, loc.geonameid, loc.feature = country.lat, country.lon, None, top.feature_hint or "city"
        loc.precision, loc.inferred, loc.confidence = "country", True, 0.3


def prefer_focus_country(toponyms: list[Toponym], locations: list[Location], focus: DocumentFocus) -> None:
    """Never let a small namesake abroad beat a plausible reading in the story's own country.

    Only under a confident focus, only for towns and districts (a country, province, curated
    or big-city reading abroad stands), and only when the name has a reading in the focus
    country; the largest such reading is taken.
    """
    if focus.country is None or focus.confidence < FOCUS_PRIOR_MIN_CONFIDENCE:
        return
    gaz = get_gazetteer()
    for top, loc in zip(toponyms, locations):
        if loc.country == focus.country or loc.within or loc.feature not in ("city", "admin2"):
            continue
        ids = toponym_ids(gaz, top)
        if any(gaz.places[i].curated or gaz.places[i].population >= FOCUS_PRIOR_MAX_POPULATION
               for i in ids if gaz.places[i].country != focus.country):
            continue
        home = [gaz.places[i] for i in ids if gaz.places[i].country == focus.country and gaz.places[i].lat is not None
                and gaz.places[i].feature in ("city", "admin2", "admin1")]
        if home:
            _move_to(loc, max(home, key=lambda p: (p.feature == "city", p.population)))


def _small_namesake_abroad(gaz: Any, top: Toponym, loc: Location, focus_country: str) -> bool:
    """Whether ``loc`` is a town or district abroad that only a small namesake put there.

    The name has no reading in the focus country (``prefer_focus_country`` moves those), and no
    reading abroad is curated or big: Kampala or Peshawar named in a Congo or Afghan story are
    where they are.
    """
    if loc.lat is None or loc.country in (None, focus_country) or loc.within or \
            loc.feature not in ("city", "admin2"):
        return False
    ids = toponym_ids(gaz, top)
    return bool(ids) and all(
        gaz.places[i].country != focus_country and not gaz.places[i].curated
        and gaz.places[i].population < FOCUS_PRIOR_MAX_POPULATION for i in ids)


def keep_small_places_home(toponyms: list[Toponym], locations: list[Location], focus: DocumentFocus,
                           context: list[str]) -> None:
    """A small place under a clear story country never takes a namesake abroad (issue 14).

    Why: "ADF rebels attacked Lala village" in a Congo story is a Congolese village the gazetteer
    does not know, not the Indian town of the same name; a wrong country costs more than an
    unknown point. Only under a confident focus, and only when nothing else in the story
    (another place, a nationality word, an actor) points to the namesake's country: "Hall County
    town" in a story that names Texas stays American. A name with a chain was placed in
    its smallest known unit already (``resolve_chains``); the rest become unknown places of the
    focus country, which the event stage puts at the focus (flagged ``inferred``).
    """
    if focus.country is None or focus.confidence < FOCUS_PRIOR_MIN_CONFIDENCE:
        return
    gaz = get_gazetteer()
    for k, (top, loc) in enumerate(zip(toponyms, locations)):
        if not _small_namesake_abroad(gaz, top, loc, focus.country):
            continue
        if loc.country in {other.country for j, other in enumerate(locations) if j != k} | set(context):
            continue  # the story names that country otherwise: the namesake may be meant
        loc.name, loc.country, loc.admin1 = top.name, focus.country, None
        loc.lat = loc.lon = loc.geonameid = loc.precision = None
        loc.feature, loc.confidence = top.feature_hint or "city", 0.0


def _beyond(text: str, located: list[Location]) -> list[Location]:
    return [located[k] for k in sorted(beyond_countries(text, located))]


def _dateline_location(text: str, located: list[Location]) -> Location | None:
    found = dateline_place(text)
    at = found[0] if found else None
    return next((loc for loc in located if at is not None and loc.start == at and loc.country), None)


def locate(adoc: AnalyzedDocument, fuzzy: bool = True) -> list[Location]:
    """Every toponym of a parsed document, geocoded, in text order.

    Args:
        adoc (AnalyzedDocument): a document the ``nlp`` stage has parsed.
        fuzzy (bool): allow the fuzzy gazetteer search for unknown long names.
    RETURNS (list[Location]): one geocoded location per toponym.
    """
    return locate_places(adoc, fuzzy=fuzzy)[1]


def place_document(adoc: AnalyzedDocument, fuzzy: bool = True) -> AnalyzedDocument:
    """Set ``adoc.locations`` and ``adoc.focus`` (the work of the ``places`` stage)."""
    _toponyms, located, demonyms = locate_places(adoc, fuzzy=fuzzy)
    adoc.locations = located
    text = doc_text(adoc.spacy_doc)
    adoc.focus = compute_focus(located, adoc.sentences, _dateline_location(text, located), demonyms,
                               _beyond(text, located))
    return adoc


@stage("places")
class PlacesStage(BaseStage):
    """Writes ``adoc.locations`` (every toponym, geocoded) and ``adoc.focus``. Needs ``nlp``."""

    name = "places"

    def __init__(self, fuzzy: bool = True):
        self.fuzzy = fuzzy

    def initialize(self) -> None:
        get_gazetteer()

    def __call__(self, adoc: AnalyzedDocument) -> AnalyzedDocument:
        if adoc.spacy_doc is None:
            return adoc
        return place_document(adoc, fuzzy=self.fuzzy)

    def pipe(self, adocs: Iterable[AnalyzedDocument], batch_size: int = 32) -> Iterator[AnalyzedDocument]:
        for adoc in adocs:
            yield self(adoc)
