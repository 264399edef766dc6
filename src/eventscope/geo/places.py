"""The ``places`` stage: every toponym geocoded (``adoc.locations``) and the document focus.

It runs right after ``nlp`` so that the stages after it (actors first) can read where the story
is. It knows nothing of actors or events: its evidence is the text's own place names, dateline
and nationality words. ``geo`` (after ``events``) then places each event.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator

from ..model import AnalyzedDocument, Location
from ..registry import BaseStage, stage
from .focus import compute_focus
from .gazetteer import get_gazetteer
from .geocode import geocode
from .toponyms import Toponym, dateline_start, find_toponyms


def demonym_countries(doc: Any) -> list[tuple[str, int]]:
    """(ISO3, offset) of every nationality word spaCy tags NORP ("Yemeni", "Afghans")."""
    gaz = get_gazetteer()
    out: list[tuple[str, int]] = []
    for ent in doc.ents:
        if ent.label_ == "NORP":
            key = ent.text.lower()
            iso3 = gaz.demonyms.get(key) or gaz.demonyms.get(key.rstrip("s"))
            if iso3:
                out.append((iso3, ent.start_char))
    return out


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


def locate_places(adoc: AnalyzedDocument, fuzzy: bool = True) -> tuple[list[Toponym], list[Location]]:
    """Find and geocode every toponym of a parsed document; returns toponyms and locations."""
    doc = adoc.spacy_doc
    toponyms = find_toponyms(doc)
    context = actor_countries(adoc, toponyms) + [iso for iso, _ in demonym_countries(doc)]
    return toponyms, geocode(toponyms, doc.text, context, fuzzy=fuzzy)


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
    toponyms, located = locate_places(adoc, fuzzy=fuzzy)
    adoc.locations = located
    at = dateline_start(adoc.spacy_doc.text)
    dateline = next((loc for loc in located if at is not None and loc.start == at and loc.country), None)
    adoc.focus = compute_focus(located, adoc.sentences, dateline, demonym_countries(adoc.spacy_doc))
    return adoc


@stage("places")
class PlacesStage(BaseStage):
    """Writes ``adoc.locations`` (every toponym, geocoded) and ``adoc.focus``. Needs ``nlp``."""

    name = "places"
    assigns = ("locations", "focus")

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
