"""The ``geo`` stage: each event's location (``adoc.locations`` and ``adoc.focus`` come from ``places``)."""

from __future__ import annotations

import copy
from typing import Any, Iterable, Iterator

from ..common.dateline import dateline_place
from ..model import AnalyzedDocument, DocumentFocus, Event, Location
from ..registry import BaseStage, stage
from .chains import chain_heads
from .event_location import _token_locations, find_event_location
from .focus import focus_from_actors
from .gazetteer import get_gazetteer, load_lexicon
from .places import place_document

# A pledge, a condition or a supposition has no scene yet ("vowed jihad to defend Iraq and Yemen").
UNPLACED_MODALITIES = frozenset({"intended", "conditional", "hypothetical"})
# Below this focus confidence the story's country is too uncertain to place an event in it.
FOCUS_MIN_CONFIDENCE = 0.5


def _names_a_foreign_organisation(loc: Location, adoc: AnalyzedDocument) -> bool:
    """A place word inside the name of a known organisation of another country.

    Why: "Quds Force" (Iran) is not in Jerusalem, "Jerusalem Post"-style names aside; a place
    inside a known organisation's name counts only when the organisation belongs to that
    place's country ("Gaza Health Ministry").
    """
    if loc.start is None or loc.country is None:
        return False
    for mention in adoc.mentions:
        if not (mention.start <= loc.start and loc.end <= mention.end) or \
                (mention.start, mention.end) == (loc.start, loc.end):
            continue
        actor = adoc.actor(mention.actor)
        if actor is not None and actor.kind == "organization" and actor.kb_id and \
                actor.country and actor.country != loc.country:
            return True
    return False


def focus_location(adoc: AnalyzedDocument, focus: DocumentFocus | None) -> Location | None:
    """The place an event with no place of its own is put at, flagged ``inferred``.

    The dateline place when it lies in the focus country (the story was filed there), else the
    focus province, else the focus country; None when the focus is weak.
    """
    if focus is None or focus.country is None or focus.confidence < FOCUS_MIN_CONFIDENCE:
        return None
    found = dateline_place(adoc.document.text)
    at = found[0] if found else None
    for loc in adoc.locations:
        if at is not None and loc.start == at and loc.country == focus.country and loc.lat is not None:
            return _inferred(loc, loc.precision)
    gaz = get_gazetteer()
    if focus.admin1:
        for pid in gaz.candidate_ids(focus.admin1):
            place = gaz.places[pid]
            if place.feature == "admin1" and place.country == focus.country and place.lat is not None:
                return Location(text=place.name, start=None, end=None, name=place.name, country=place.country,
                                admin1=place.name, lat=place.lat, lon=place.lon, geonameid=place.geonameid,
                                feature="admin1", confidence=focus.confidence, precision="admin1", inferred=True)
    country = gaz.countries.get(focus.country)
    if country is None or country.lat is None:
        return None
    return Location(text=country.name, start=None, end=None, name=country.name, country=country.country,
                    lat=country.lat, lon=country.lon, geonameid=country.geonameid, feature="country",
                    confidence=focus.confidence, precision="country", inferred=True)


def _inferred(loc: Location, precision: str | None) -> Location:
    out = copy.copy(loc)
    out.inferred = True
    out.precision = precision
    return out


def is_statement(event: Event, lemma: str | None = None) -> bool:
    """Whether the event is something said (a warning, a condemnation, a pledge), or not yet done.

    Why: a statement is made where the speaker is, which the scene's place is not: the UN
    condemnation of a massacre is not in the village, and an analyst's comment not at the
    front. Such events take a place only from their own clause ("said in Geneva").
    """
    lex = load_lexicon()
    if event.quote is not None or event.type in lex["statement_types"] or event.modality in UNPLACED_MODALITIES:
        return True
    words = lex["statement_words"]
    if lemma is not None:
        return lemma.lower() in words
    trigger = (event.trigger.text if event.trigger else "").lower().split()
    return bool(trigger) and trigger[0] in words


def locate_events(adoc: AnalyzedDocument, use_focus: bool = True) -> None:
    """Set ``event.location`` for every event of the document (a copy of the chosen Location)."""
    doc = adoc.spacy_doc
    if doc is None or not adoc.events:
        return
    if use_focus and (adoc.focus is None or adoc.focus.country is None) and adoc.actors:
        # no place, dateline or nationality word: the country of the story's actors
        adoc.focus = focus_from_actors(adoc.actors, load_lexicon()["actor_sectors_at_home"])
    cover = _token_locations(doc, adoc.locations)
    heads = chain_heads(adoc.locations)
    index = {id(loc): i for i, loc in enumerate(adoc.locations)}
    fallback = focus_location(adoc, adoc.focus) if use_focus else None
    for event in adoc.events:
        span = event.trigger or event.evidence
        if span is None:
            continue
        root = doc.char_span(span.start, span.end, alignment_mode="expand")
        statement = is_statement(event, root.root.lemma_ if root is not None and len(root) else None)
        loc, how = find_event_location(doc, (span.start, span.end), adoc.locations, focus=fallback,
                                       use_focus=use_focus and not statement, cover=cover,
                                       clause_only=statement)
        if loc is not None and index.get(id(loc)) in heads:
            loc = adoc.locations[heads[index[id(loc)]]]  # "Gwoza, Borno state": the most specific name
        if loc is not None and loc.lat is None and not statement:
            # "shelled the Abu Shouk camp on the edge of El Fasher": the known place the unknown
            # one is said to lie at, before the story's area
            loc = _known_place_after(doc, loc, adoc.locations) or loc
        if loc is not None and loc.country is None and loc.feature in ("water", "region") and not statement:
            # "the Lake Chad region of Borno State": a lake or region shared by several countries,
            # situated by the unit named right after it, is in that unit
            loc = _known_place_after(doc, loc, adoc.locations, features=("city", "admin2", "admin1")) or loc
        if loc is not None and not statement:
            # "fought in Brooklyn, a neighbourhood of Cité Soleil": a lone namesake abroad never
            # beats a place of the story's country that the same sentence names
            loc = _home_place_over_lone_namesake(doc, loc, adoc) or loc
        if loc is not None and loc.lat is None and fallback is not None and not statement:
            # a place the gazetteer does not know and no unit names: the story's own area
            loc = _inferred(fallback, fallback.precision)
        if loc is not None:
            loc = copy.copy(loc)
            if how == "sentence":
                loc.confidence = round(loc.confidence * 0.8, 3)
        event.location = loc


def _home_place_over_lone_namesake(doc: Any, loc: Location, adoc: AnalyzedDocument) -> Location | None:
    """A located town or district of the focus country in the same sentence, when ``loc`` is a
    town abroad that no other name of the story points to.

    Why: a town's name is shared across countries far more often than a story leaves its
    country for one sentence; a neighbourhood or village the gazetteer lacks is read as its
    famous namesake abroad ("Brooklyn", "Sidney"), while the sentence names the place it is in.
    A second name in that foreign country (a cross-border story), a unit or country named
    abroad, or a weak focus keeps the reading.
    """
    focus = adoc.focus
    if focus is None or focus.country is None or focus.confidence < FOCUS_MIN_CONFIDENCE or \
            loc.country in (None, focus.country) or loc.feature != "city" or loc.start is None:
        return None
    if sum(1 for other in adoc.locations if other.country == loc.country) > 1:
        return None
    span = doc.char_span(loc.start, loc.end, alignment_mode="expand")
    if span is None:
        return None
    sent = span.sent
    home = [other for other in adoc.locations if other.country == focus.country and other.lat is not None
            and other.start is not None and sent.start_char <= other.start < sent.end_char
            and other.feature in ("city", "admin2", "admin1")]
    if not home:
        return None
    return min(home, key=lambda other: abs(other.start - loc.start))


NEAR_NAME_CHARS = 60  # an unknown place and the known one that situates it stand this close


def _known_place_after(doc: Any, unknown: Location, locations: list[Location],
                       features: tuple[str, ...] = ("city", "admin2")) -> Location | None:
    """The first located town or district after an unknown place in its sentence, close by.

    Why: notes situate a place the gazetteer lacks by the next known one ("X camp on the
    outskirts of Y", "X, near Y"); that is nearer the scene than the story's province or country.
    """
    if unknown.end is None:
        return None
    span = doc.char_span(unknown.start, unknown.end, alignment_mode="expand")
    if span is None:
        return None
    sent_end = span.sent.end_char
    for loc in locations:
        if loc.start is None or loc.start < unknown.end or loc.start >= sent_end:
            continue
        if loc.start - unknown.end > NEAR_NAME_CHARS:
            return None
        if loc.lat is not None and loc.feature in features:
            return loc
    return None


@stage("geo")
class GeoStage(BaseStage):
    """Writes ``event.location``; drops toponyms that are words of a foreign organisation's name.

    Needs ``places`` (run before ``actors``); uses the ``actors`` and ``events`` records. A
    stage list without ``places`` still gets its places here, so older configurations keep
    their locations.
    """

    name = "geo"

    def __init__(self, fuzzy: bool = True, use_focus: bool = True):
        self.fuzzy = fuzzy
        self.use_focus = use_focus

    def initialize(self) -> None:
        get_gazetteer()

    def __call__(self, adoc: AnalyzedDocument) -> AnalyzedDocument:
        if adoc.spacy_doc is None:
            return adoc
        if adoc.focus is None:
            place_document(adoc, fuzzy=self.fuzzy)
        adoc.locations = [loc for loc in adoc.locations if not _names_a_foreign_organisation(loc, adoc)]
        locate_events(adoc, use_focus=self.use_focus)
        return adoc

    def pipe(self, adocs: Iterable[AnalyzedDocument], batch_size: int = 32) -> Iterator[AnalyzedDocument]:
        for adoc in adocs:
            yield self(adoc)
