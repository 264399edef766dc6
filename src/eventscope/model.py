"""The typed records that flow between the stages.

Each stage reads the records of the stages before it and adds its own. Every record that
points into the text carries character offsets into ``Document.text`` so that any output field
can be traced back to its evidence. ``AnalyzedDocument.to_contract()`` is the one place where the
records become the contract JSON (``docs/CONTRACT.md``), and ``from_contract`` the one place where
contract JSON becomes records again.
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass, field, fields
from typing import Any

PLOVER_TYPES: tuple[str, ...] = (
    "ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE",
    "MOBILIZE", "PROTEST", "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "THREATEN",
)
MODALITIES: tuple[str, ...] = (
    "asserted", "negated", "conditional", "hypothetical", "reported", "intended",
)


def content_hash(text: str) -> str:
    """Stable id of a text: the same content always gets the same id, whatever the runner."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass
class Document:
    """One input document, as read by ``ingest``.

    ``origin`` says where it came from ("file.jsonl:12") so errors and provenance can name it.
    """

    text: str
    id: str | None = None
    date: str | None = None  # publication date, ISO 8601 (YYYY-MM-DD)
    title: str | None = None
    url: str | None = None
    origin: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.id is None:
            self.id = content_hash(self.text)

    @property
    def hash(self) -> str:
        return content_hash(self.text)


@dataclass
class Span:
    """A piece of the document text."""

    text: str
    start: int
    end: int


@dataclass
class Sentence:
    index: int
    text: str
    start: int
    end: int
    kind: str = "story"  # or the kind of text that is not the story: caption, credit, media, label, dateline


@dataclass
class TextPart:
    """A stretch of the text that is not the story (a caption, credit, byline, section label,
    dateline, video-player text): kept so that no stage codes it as what happened."""

    kind: str
    start: int
    end: int


@dataclass
class Mention:
    """A stretch of text that refers to an actor (name, title, pronoun, demonym...)."""

    text: str
    start: int
    end: int
    sentence: int = 0
    label: str | None = None  # spaCy NER label or "TITLE", "PRON", "NOUN", "DEMONYM"
    actor: str | None = None  # Actor.id once resolved


@dataclass
class Role:
    title: str
    country: str | None = None
    sector: str | None = None
    start: str | None = None  # ISO date the role began
    end: str | None = None  # ISO date the role ended, None if current
    posted_to: str | None = None  # e.g. an ambassador's host country


@dataclass
class Actor:
    id: str
    name: str
    country: str | None = None
    sector: str | None = None
    kind: str = "group"  # person | organization | state | group
    roles: list[Role] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    kb_id: str | None = None  # id in the actor knowledge base, when resolved there
    confidence: float = 1.0  # lower when the country was read from the story, not the mention
    as_of: str | None = None  # the fallback date roles were read at when the document has no date

    def ref(self, mention: Mention | None = None) -> "ActorRef":
        text = mention.text if mention else (self.mentions[0].text if self.mentions else self.name)
        return ActorRef(
            actor=self.id, text=text, name=self.name, country=self.country, sector=self.sector,
            start=mention.start if mention else None, end=mention.end if mention else None,
        )


@dataclass
class ActorRef:
    """An actor as seen from an event: codes repeated so an event line can be read alone."""

    actor: str | None
    text: str | None
    name: str | None
    country: str | None
    sector: str | None
    start: int | None = None
    end: int | None = None


@dataclass
class Location:
    text: str
    start: int | None
    end: int | None
    name: str | None = None
    country: str | None = None  # ISO3
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature: str | None = None  # city | country | admin1 | region | water | ...
    confidence: float = 1.0
    # How exact the point is (like ACLED's geo_precision): "place" (the named town or village),
    # "admin2" / "admin1" (an unknown village placed at its district / province), "country".
    precision: str | None = None
    # The containing units the text names around it, most specific first ("Shahrak", "Ghor").
    within: list[str] = field(default_factory=list)
    inferred: bool = False  # an event's location taken from the dateline or document focus


@dataclass
class TimeExpression:
    """A date expression in the text, resolved against the publication date."""

    text: str
    start: int
    end: int
    date: str | None  # ISO date (first day of the period for month/year precision)
    precision: str | None  # day | month | year
    # the last day of a range of days ("between 1 and 3 May", "overnight on 2-3 May"), whose
    # ``date`` is the first day; None for a single date
    last_day: str | None = None


@dataclass
class Quote:
    text: str
    start: int
    end: int
    speaker: str | None = None  # Actor.id
    speaker_text: str | None = None
    cue: str | None = None  # the reporting verb, e.g. "warned"
    kind: str = "direct"  # direct | indirect


@dataclass
class Event:
    id: str
    type: str  # one of PLOVER_TYPES
    source: ActorRef | None
    target: ActorRef | None
    evidence: Span
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    modality: str = "asserted"
    cameo: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    location: Location | None = None
    date: str | None = None
    date_precision: str | None = None
    confidence: float = 0.5
    trigger: Span | None = None  # the word(s) that report the act
    sentence: int = 0
    quote: int | None = None  # index into AnalyzedDocument.quotes when the event is a statement
    follow_up: bool = False  # reports an act already told earlier (not counted again)
    follow_up_of: str | None = None  # Event.id of the earlier telling in this document, if any


@dataclass
class DocumentFocus:
    """Where the story is: its main country (and admin area), with a confidence.

    Why: a village "Salim" in a story about Yemen is the Yemeni one, and "government forces" in
    a story about Syria are Syrian. Stages after ``places`` read this as a prior; it is never an
    event's location by itself unless an event has nothing better (and then says it is inferred).
    """

    country: str | None = None  # ISO3 of the story's main country
    admin1: str | None = None  # its first-level admin area, when one dominates
    confidence: float = 0.0  # 0..1; low when several countries compete
    countries: list[tuple[str, float]] = field(default_factory=list)  # candidates, best first
    evidence: list[str] = field(default_factory=list)  # what decided it: "dateline", "toponyms", "actors"


@dataclass
class Brief:
    summary: str = ""
    key_points: list[str] = field(default_factory=list)


@dataclass
class AnalyzedDocument:
    """Everything the pipeline learned about one document."""

    document: Document
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # Every candidate act the events stage judged, emitted or not (only when asked for: the
    # ``include_candidates`` option); ``confidence`` is each one's probability of being right.
    candidates: list[Event] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    brief: Brief = field(default_factory=Brief)
    focus: DocumentFocus | None = None
    not_story: list[TextPart] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    # Working state shared between stages of one run; never serialised.
    spacy_doc: Any = field(default=None, repr=False, compare=False)

    def actor(self, actor_id: str | None) -> Actor | None:
        for actor in self.actors:
            if actor.id == actor_id:
                return actor
        return None

    def sentence_at(self, offset: int) -> Sentence | None:
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return None

    def to_contract(self) -> dict[str, Any]:
        """The contract JSON for this document (docs/CONTRACT.md, section 1)."""
        doc = self.document
        out: dict[str, Any] = {
            "id": doc.id,
            "date": doc.date,
            "title": doc.title,
            "url": doc.url,
            "hash": doc.hash,
            "actors": [_actor_json(a) for a in self.actors],
            "events": [_event_json(e) for e in self.events],
            "locations": [_drop_none_conf(_record_dict(loc)) for loc in self.locations],
            "dates": [_record_dict(t) for t in self.times],
            "quotes": [_record_dict(q) for q in self.quotes],
            "brief": _record_dict(self.brief),
            "focus": _focus_json(self.focus),
        }
        if self.candidates:
            out["candidates"] = [_event_json(e) for e in self.candidates]
        if self.not_story:
            out["not_story"] = [_record_dict(p) for p in self.not_story]
        if self.errors:
            out["errors"] = list(self.errors)
        return out


def _drop_none_conf(d: dict[str, Any]) -> dict[str, Any]:
    return d


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
_PLAIN = (str, int, float, bool, type(None))


def _record_dict(record: Any) -> Any:
    """``dataclasses.asdict`` of a record, the same dicts in the same key order.

    Why not the library's: it deep-copies every leaf through ``copy.deepcopy`` and looks the fields
    up again for every record, which made it a visible share of writing the contract (~40k calls
    for 60 documents). Leaves here are strings and numbers, which need no copy; anything else is
    still deep-copied as the library does.
    """
    cls = type(record)
    if cls in _PLAIN:
        return record
    names = _FIELD_NAMES.get(cls)
    if names is None and hasattr(cls, "__dataclass_fields__") and not isinstance(record, type):
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    if names is not None:
        return {name: _record_dict(getattr(record, name)) for name in names}
    if cls is list:
        return [_record_dict(v) for v in record]
    if isinstance(record, tuple) and hasattr(record, "_fields"):  # a named tuple
        return cls(*[_record_dict(v) for v in record])
    if isinstance(record, (list, tuple)):
        return cls(_record_dict(v) for v in record)
    if isinstance(record, dict):
        return cls((_record_dict(k), _record_dict(v)) for k, v in record.items())
    return copy.deepcopy(record)


def _focus_json(focus: DocumentFocus | None) -> dict[str, Any] | None:
    if focus is None:
        return None
    d = _record_dict(focus)
    d["countries"] = [{"country": c, "weight": w} for c, w in focus.countries]
    return d


def _actor_json(actor: Actor) -> dict[str, Any]:
    d = _record_dict(actor)
    d["mentions"] = [
        {"text": m.text, "start": m.start, "end": m.end} for m in actor.mentions
    ]
    return d


def _event_json(event: Event) -> dict[str, Any]:
    return _record_dict(event)


# -- contract JSON → records: the inverse of ``to_contract`` -----------------------------------


def _fields(cls: type, d: dict[str, Any], **given: Any) -> dict[str, Any]:
    """The keys of ``d`` that are fields of the record ``cls`` (nested records in ``given``).

    Generic on purpose: a field added to a record round-trips without touching this parser.
    """
    out = {f.name: d[f.name] for f in fields(cls) if f.name in d and f.name not in given}
    out.update(given)
    return out


def _span_from(d: dict[str, Any] | None) -> Span | None:
    if not d:
        return None
    return Span(text=d.get("text") or "", start=d.get("start") or 0, end=d.get("end") or 0)


def _ref_from(d: dict[str, Any] | None) -> ActorRef | None:
    if not d:
        return None
    return ActorRef(**_fields(ActorRef, d, **{k: d.get(k) for k in ("actor", "text", "name", "country", "sector")}))


def _location_from(d: dict[str, Any] | None) -> Location | None:
    if not d:
        return None
    return Location(**_fields(Location, d, text=d.get("text") or d.get("name") or "", start=d.get("start"),
                              end=d.get("end")))


def _focus_from(d: dict[str, Any] | None) -> DocumentFocus | None:
    if not d:
        return None
    countries = [(c["country"], c["weight"]) for c in d.get("countries") or []]
    return DocumentFocus(**_fields(DocumentFocus, d, countries=countries, evidence=list(d.get("evidence") or [])))


def actor_from_dict(d: dict[str, Any]) -> Actor:
    """One contract actor → ``Actor`` (roles and mentions included)."""
    return Actor(**_fields(
        Actor, d, id=d["id"], name=d["name"], kind=d.get("kind", "group"), confidence=d.get("confidence", 1.0),
        roles=[Role(**r) for r in d.get("roles") or []],
        mentions=[Mention(**_fields(Mention, m, text=m["text"], start=m["start"], end=m["end"]))
                  for m in d.get("mentions") or []],
    ))


def event_from_dict(d: dict[str, Any]) -> Event:
    """One contract event → ``Event`` (CAMEO kept as a string)."""
    cameo = d.get("cameo")
    return Event(**_fields(
        Event, d, id=d["id"], type=d["type"], source=_ref_from(d.get("source")), target=_ref_from(d.get("target")),
        evidence=_span_from(d.get("evidence")) or Span("", 0, 0), context=list(d.get("context") or []),
        modality=d.get("modality") or "asserted", cameo=None if cameo is None else str(cameo),
        location=_location_from(d.get("location")), confidence=d.get("confidence", 0.5),
        trigger=_span_from(d.get("trigger")), sentence=d.get("sentence") or 0,
        follow_up=bool(d.get("follow_up", False)),
    ))


def from_contract(d: dict[str, Any]) -> AnalyzedDocument:
    """A contract line that carries its ``text`` → ``AnalyzedDocument`` (``to_contract`` reversed).

    What loads stored dumps and already-coded JSONL (``eventscope code`` output plus ``text``)
    without coding again. Missing keys take the records' defaults.

    Args:
        d (dict): contract JSON of one document, with ``text``.
    RETURNS (AnalyzedDocument): the records.
    """
    if not isinstance(d.get("text"), str):
        raise ValueError("a stored document needs its 'text'")
    document = Document(
        text=d["text"], id=d.get("id"), date=d.get("date"), title=d.get("title"), url=d.get("url"),
        origin=d.get("origin"), meta=dict(d.get("meta") or {}),
    )
    actors = [actor_from_dict(a) for a in d.get("actors") or []]
    mentions: list[Mention] = []
    for actor in actors:
        for m in actor.mentions:
            m.actor = actor.id
            mentions.append(m)
    mentions.sort(key=lambda m: (m.start, m.end))
    brief = d.get("brief") or {}
    return AnalyzedDocument(
        document=document,
        actors=actors,
        mentions=mentions,
        events=[event_from_dict(e) for e in d.get("events") or []],
        locations=[loc for loc in (_location_from(x) for x in d.get("locations") or []) if loc is not None],
        times=[
            TimeExpression(**_fields(TimeExpression, t, text=t.get("text", ""), start=t.get("start", 0),
                                     end=t.get("end", 0), date=t.get("date"), precision=t.get("precision")))
            for t in d.get("dates") or []
        ],
        quotes=[
            Quote(**_fields(Quote, q, text=q.get("text", ""), start=q.get("start", 0), end=q.get("end", 0),
                            kind=q.get("kind", "direct")))
            for q in d.get("quotes") or []
        ],
        brief=Brief(summary=brief.get("summary", ""), key_points=list(brief.get("key_points") or [])),
        focus=_focus_from(d.get("focus")),
        errors=list(d.get("errors") or []),
    )
