"""The ``brief`` stage: a brief a person can read in ten seconds.

``summary`` is extractive: two to four sentences of the document, chosen by how central they are
(how much vocabulary they share with the rest) and by the events they carry, with a small lead
bonus (news puts the point first), and no two sentences saying the same thing. ``key_points`` are
who→what→whom lines built from the events ("Iran (Esmail Qaani) → CONSULT/visit → Iraq, in
Baghdad"), one per distinct act; retellings (follow-ups) are not listed twice.

The stage runs last; it first marks follow-ups (``followups.mark_follow_ups``) so that the store
and the key points see each act once.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Iterator

from ..common.countries import country_name
from ..common.data import read_data_yaml
from ..common.dateline import skip_dateline
from ..model import ActorRef, AnalyzedDocument, Brief, Event
from ..registry import BaseStage, stage
from .followups import mark_follow_ups

_WORD = re.compile(r"[^\W\d_][\w'-]*", re.UNICODE)
_ENDS_SENTENCE = re.compile(r"[.!?…][\"'”’»)]*\s*$")
WEIGHTS = {"centrality": 0.35, "events": 0.5, "lead": 0.15}
REDUNDANT = 0.6  # cosine above which a candidate repeats a chosen sentence
RETELLING = 0.2  # cosine above which a sentence with only already-told acts is a retelling
MAX_KEY_POINTS = 8
MAX_UNIT_WORDS = 70  # longer "sentences" are run-ons from unpunctuated text; they are cut


@dataclass
class Unit:
    """A summary candidate: a sentence, cut at paragraph breaks and cleared of its dateline."""

    index: int  # sentence index
    start: int
    end: int
    text: str


def summary_units(adoc: AnalyzedDocument) -> list[Unit]:
    """Sentences fit for a summary: headline fragments and datelines dropped.

    A parser often glues a headline to the first sentence; cutting at line breaks and keeping only
    pieces that end like a sentence leaves the prose.
    """
    units = _units(adoc, strict=True)
    if len(units) < max(2, 0.3 * len(adoc.sentences)):
        # Text without sentence punctuation (rebuilt or transcribed): take every long piece.
        units = _units(adoc, strict=False)
    return units


def _units(adoc: AnalyzedDocument, strict: bool) -> list[Unit]:
    text = adoc.document.text
    units: list[Unit] = []
    for sentence in adoc.sentences:
        offset = sentence.start
        for piece in re.split(r"(\n+)", text[sentence.start:sentence.end]):
            start, end = offset, offset + len(piece)
            offset = end
            stripped = piece.strip()
            if not stripped or (strict and not _ENDS_SENTENCE.search(stripped)):
                continue
            lead = len(piece) - len(piece.lstrip())
            start += lead
            start = skip_dateline(text, start, end)
            body = text[start:end].strip()
            if len(body.split()) < 5:
                continue
            units.append(Unit(sentence.index, start, start + len(body), body))
    return units


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Words left out when sentences are compared (``data/brief.yaml``), read once."""
    return frozenset(read_data_yaml("eventscope.stories", "brief.yaml")["stop_words"])


def _terms(adoc: AnalyzedDocument, unit: Unit) -> Counter[str]:
    doc = adoc.spacy_doc
    if doc is not None:
        span = doc.char_span(unit.start, unit.end, alignment_mode="expand")
        if span is not None:
            return Counter(
                t.lemma_.lower() for t in span
                if t.is_alpha and not t.is_stop and t.lemma_.lower() not in stop_words()
            )
    return Counter(w.lower() for w in _WORD.findall(unit.text) if w.lower() not in stop_words())


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def _normalised(v: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(x * x for x in v.values()))
    return {t: x / norm for t, x in v.items()} if norm else {}


def _event_weight(event: Event) -> float:
    """How much an event makes its sentence worth summarising: a new, complete act counts most."""
    weight = 1.0
    if event.follow_up:
        weight *= 0.3
    if event.source is not None and event.target is not None:
        weight *= 1.3
    if event.location is not None:
        weight *= 1.1
    if event.modality in {"negated", "hypothetical"}:
        weight *= 0.5
    return weight


def summary_length(n_units: int) -> int:
    """Two sentences for a short piece, three for a medium one, four for a long one."""
    if n_units <= 5:
        return min(2, n_units)
    return 3 if n_units <= 12 else 4


def summarise(adoc: AnalyzedDocument, n: int | None = None) -> str:
    """The extractive summary of one document.

    adoc (AnalyzedDocument): with ``sentences`` (and ideally ``events`` and ``spacy_doc``).
    n (int): sentences to keep; by default from the document's length.
    RETURNS (str): the chosen sentences in document order.
    """
    units = summary_units(adoc)
    if not units:
        return ""
    n = n or summary_length(len(units))
    counts = [_terms(adoc, u) for u in units]
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    total = len(units)
    vectors = [{t: tf * math.log(1 + total / df[t]) for t, tf in c.items()} for c in counts]
    # Σ_j cos(v_i, v_j) over the others equals v̂_i · Σ_j v̂_j − 1: linear in the document.
    unit_vectors = [_normalised(v) for v in vectors]
    total: dict[str, float] = {}
    for v in unit_vectors:
        for t, x in v.items():
            total[t] = total.get(t, 0.0) + x
    centrality = [
        max(0.0, sum(x * total.get(t, 0.0) for t, x in v.items()) - (1.0 if v else 0.0))
        for v in unit_vectors
    ]
    # Each event counts for the unit holding its trigger, else for the first unit of its sentence
    # (a headline glued to the lead is not a unit, but its act is the lead's).
    per_unit: list[list[Event]] = [[] for _ in units]
    for event in adoc.events:
        home = None
        if event.trigger is not None:
            at = event.trigger.start
            home = next((i for i, u in enumerate(units) if u.start <= at < u.end), None)
        if home is None:
            home = next((i for i, u in enumerate(units) if u.index == event.sentence), None)
        if home is not None:
            per_unit[home].append(event)
    event_mass: list[float] = []
    acts: list[set[tuple[str | None, ...]]] = []
    for events in per_unit:
        types: dict[str, float] = {}
        told: set[tuple[str | None, ...]] = set()
        for event in events:
            types[event.type] = max(types.get(event.type, 0.0), _event_weight(event))
            source = (event.source.actor or event.source.name) if event.source else None
            told.add((event.type, event.mode, source))
        event_mass.append(sum(types.values()))
        acts.append(told)

    def norm(values: list[float]) -> list[float]:
        top = max(values) if values else 0.0
        return [v / top if top else 0.0 for v in values]

    # Event mass saturates: a sentence packed with acts should not crowd out every other one.
    c_n, e_n = norm(centrality), [m / (m + 0.5) for m in event_mass]
    scores = [
        WEIGHTS["centrality"] * c_n[i] + WEIGHTS["events"] * e_n[i]
        + WEIGHTS["lead"] * (1.0 - i / len(units))
        for i in range(len(units))
    ]
    chosen: list[int] = []
    for i in sorted(range(len(units)), key=lambda k: (-scores[k], k)):
        if len(chosen) >= n:
            break
        if any(_cosine(vectors[i], vectors[j]) > REDUNDANT for j in chosen):
            continue
        # A sentence retelling only acts already chosen ("… conducted a visit to Baghdad" after
        # "… visited Baghdad") adds nothing, once it also shares some vocabulary with them.
        seen_acts = set().union(*(acts[j] for j in chosen)) if chosen else set()
        if acts[i] and acts[i] <= seen_acts and any(
            _cosine(vectors[i], vectors[j]) > RETELLING for j in chosen
        ):
            continue
        chosen.append(i)
    return " ".join(_clip(units[i].text) for i in sorted(chosen))


def _clip(text: str, max_words: int = MAX_UNIT_WORDS) -> str:
    """A run-on "sentence" (text without punctuation) cut to ``max_words`` words, marked with …."""
    words = text.split()
    if len(words) <= max_words:
        return text
    return " ".join(words[:max_words]).rstrip(",;:") + " …"


# --------------------------------------------------------------------------------------------
# Key points
# --------------------------------------------------------------------------------------------

def actor_label(adoc: AnalyzedDocument, ref: ActorRef | None) -> str | None:
    """"Iran (Esmail Qaani)" for a person or body of a country, the state's name for a state."""
    if ref is None:
        return None
    actor = adoc.actor(ref.actor)
    name = ref.name or (actor.name if actor else None) or ref.text
    kind = actor.kind if actor else None
    country = ref.country or (actor.country if actor else None)
    state = None
    if country:
        for other in adoc.actors:
            if other.kind == "state" and other.country == country:
                state = other.name
                break
        state = state or country_name(country)
    if kind == "state" or not name:
        return state or name
    if state and state.lower() not in name.lower():
        return f"{state} ({name})"
    return name


def key_point(adoc: AnalyzedDocument, event: Event) -> str:
    """One who→what→whom line for an event."""
    source = actor_label(adoc, event.source) or "?"
    what = f"{event.type}/{event.mode}" if event.mode else event.type
    line = f"{source} → {what}"
    target = actor_label(adoc, event.target)
    if target:
        line += f" → {target}"
    if event.location is not None and (event.location.name or event.location.text):
        line += f", in {event.location.name or event.location.text}"
    notes = []
    if event.modality and event.modality != "asserted":
        notes.append(event.modality)
    if event.follow_up:
        notes.append("earlier")
    if notes:
        line += f" ({', '.join(notes)})"
    return line


def key_points(adoc: AnalyzedDocument, limit: int = MAX_KEY_POINTS) -> list[str]:
    """Distinct who→what→whom lines, in the order the acts are told.

    A retelling linked to an earlier event (``follow_up_of``) is skipped; an act told twice
    (same source, type and target) is listed once, with its place when either telling has one.
    RETURNS (list[str]): at most ``limit`` lines.
    """
    lines: list[str] = []
    seen: dict[tuple[Any, ...], int] = {}
    for event in sorted(adoc.events, key=lambda e: (e.sentence, e.evidence.start)):
        if event.follow_up_of is not None:
            continue
        key = (
            event.source.name if event.source else None, event.type, event.mode,
            event.target.name if event.target else None,
        )
        line = key_point(adoc, event)
        if key in seen:
            i = seen[key]
            if ", in " not in lines[i] and ", in " in line:
                lines[i] = line
            continue
        seen[key] = len(lines)
        lines.append(line)
    return lines[:limit]


@stage("brief")
class BriefStage(BaseStage):
    """Writes ``adoc.brief`` (summary + key points) after marking follow-up events."""

    name = "brief"

    def __init__(self, max_key_points: int = MAX_KEY_POINTS):
        self.max_key_points = max_key_points

    def __call__(self, adoc: AnalyzedDocument) -> AnalyzedDocument:
        mark_follow_ups(adoc)
        adoc.brief = Brief(summary=summarise(adoc), key_points=key_points(adoc, self.max_key_points))
        return adoc

    def pipe(self, adocs: Iterable[AnalyzedDocument], batch_size: int = 32) -> Iterator[AnalyzedDocument]:
        for adoc in adocs:
            yield self(adoc)
