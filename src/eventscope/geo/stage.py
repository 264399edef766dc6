"""The ``geo`` stage: toponyms -> geocoded ``adoc.locations``, then each event's location."""

from __future__ import annotations

import copy
from typing import Any, Iterable, Iterator

from ..model import AnalyzedDocument, Location
from ..registry import BaseStage, stage
from .event_location import _token_locations, document_focus, find_event_location
from .gazetteer import get_gazetteer
from .geocode import geocode
from .toponyms import Toponym, find_toponyms


def context_countries(adoc: AnalyzedDocument, toponyms: list[Toponym] | None = None) -> list[str]:
    """ISO3 codes the document is about: its actors' countries and the demonyms it uses.

    Each actor country counts once (actors are a weaker signal than the places named), and
    actors named only by a place name ("Prague" resolved as a state actor) are left out: their
    country is the geocoder's guess to make, not evidence for it.
    """
    spans = [(t.start, t.end) for t in toponyms or []]

    def place_named(actor: Any) -> bool:
        return bool(actor.mentions) and all(
            any(s <= m.start and m.end <= e for s, e in spans) for m in actor.mentions)

    out: list[str] = sorted({a.country for a in adoc.actors
                             if a.country and len(a.country) == 3 and a.country.isupper()
                             and not place_named(a)})
    doc = adoc.spacy_doc
    if doc is not None:
        gaz = get_gazetteer()
        for ent in doc.ents:
            if ent.label_ == "NORP":
                iso3 = gaz.demonyms.get(ent.text.lower()) or gaz.demonyms.get(ent.text.lower().rstrip("s"))
                if iso3:
                    out.append(iso3)
    return out


def locate(adoc: AnalyzedDocument, fuzzy: bool = True) -> list[Location]:
    """Find and geocode every toponym of a parsed document.

    Args:
        adoc (AnalyzedDocument): a document the ``nlp`` stage has parsed.
        fuzzy (bool): allow the fuzzy gazetteer search for unknown long names.
    RETURNS (list[Location]): one geocoded location per toponym, in text order.
    """
    toponyms = find_toponyms(adoc.spacy_doc)
    located = geocode(toponyms, adoc.spacy_doc.text, context_countries(adoc, toponyms), fuzzy=fuzzy)
    return [loc for loc in located if not _names_a_foreign_organisation(loc, adoc)]


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


def locate_events(adoc: AnalyzedDocument, use_focus: bool = True) -> None:
    """Set ``event.location`` for every event of the document (a copy of the chosen Location)."""
    doc = adoc.spacy_doc
    if doc is None or not adoc.events:
        return
    cover = _token_locations(doc, adoc.locations)
    focus = document_focus(adoc.locations)
    for event in adoc.events:
        span = event.trigger or event.evidence
        if span is None:
            continue
        loc, how = find_event_location(doc, (span.start, span.end), adoc.locations, focus=focus,
                                       use_focus=use_focus, cover=cover)
        if loc is not None:
            loc = copy.copy(loc)
            if how == "focus":
                loc.confidence = round(loc.confidence * 0.5, 3)
            elif how == "sentence":
                loc.confidence = round(loc.confidence * 0.8, 3)
        event.location = loc


@stage("geo")
class GeoStage(BaseStage):
    """Writes ``adoc.locations`` (every toponym, geocoded) and ``event.location``.

    Needs the ``nlp`` stage; uses ``actors`` (countries) and ``events`` when they ran.
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
        adoc.locations = locate(adoc, fuzzy=self.fuzzy)
        locate_events(adoc, use_focus=self.use_focus)
        return adoc

    def pipe(self, adocs: Iterable[AnalyzedDocument], batch_size: int = 32) -> Iterator[AnalyzedDocument]:
        for adoc in adocs:
            yield self(adoc)
